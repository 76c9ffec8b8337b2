-- Real payloads of every generation (issue 11): deep links back into OpenPhone, the contact ids an
-- activity names, group threads with every participant, voicemail transcripts (a 2026-03-30
-- voicemail may arrive before its recording URL), and repeated deliveries of one event id.
ALTER TABLE "Message" ADD COLUMN "openphoneUrl" TEXT;
ALTER TABLE "Message" ADD COLUMN "contactIds" TEXT;
ALTER TABLE "Call" ADD COLUMN "openphoneUrl" TEXT;
ALTER TABLE "Call" ADD COLUMN "contactIds" TEXT;
ALTER TABLE "Conversation" ADD COLUMN "openphoneUrl" TEXT;
ALTER TABLE "Conversation" ADD COLUMN "participants" TEXT;
ALTER TABLE "WebhookEvent" ADD COLUMN "lastDeliveryId" TEXT;
ALTER TABLE "WebhookEvent" ADD COLUMN "lastReceivedAt" TIMESTAMP(3);
ALTER TABLE "Voicemail" ADD COLUMN "openphoneId" TEXT;
ALTER TABLE "Voicemail" ADD COLUMN "transcript" TEXT;
ALTER TABLE "Voicemail" ALTER COLUMN "url" DROP NOT NULL;
