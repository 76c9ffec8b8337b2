// Helper for scripts/demo-media/generate.sh (not meant to be run by hand).
//
//   node build.mjs pdf  SPEC KEY OUT.pdf
//       Writes the one-page quote PDF described by spec.documents[KEY]: a minimal, hand-assembled
//       PDF 1.4 using the standard Helvetica fonts (nothing embedded, so it stays a few KB) with
//       real, selectable text. Byte-for-byte deterministic (no dates, no random ids).
//
//   node build.mjs ts   SPEC MEASUREMENTS.tsv OUT.ts
//       Writes lib/simulator/demo-media.ts from the spec plus what generate.sh measured:
//         offset <seconds>                                    (MP3 encoder+decoder delay, added to every time)
//         line   <callKey> <lineIndex> <seconds>              (soxi -D of each trimmed, resampled line)
//         media  <kind> <key> <urlPath> <contentType> <bytes> <seconds|->
//       Segment start/end are derived exactly as sox concatenated the audio:
//         start(i) = offset + leadIn + sum(duration(0..i-1)) + i * gap,  end(i) = start(i) + duration(i).

import { readFileSync, writeFileSync } from "node:fs";

const [, , cmd, ...args] = process.argv;


// ---------------------------------------------------------------------------------------------
// PDF

/** Advance widths (1/1000 em, from the Adobe AFMs) of the characters we right-align: amounts and "Amount". */
const DIGITS = { "0": 556, "1": 556, "2": 556, "3": 556, "4": 556, "5": 556, "6": 556, "7": 556, "8": 556, "9": 556, "$": 556, ",": 278, ".": 278 };
const WIDTHS = {
  F1: { ...DIGITS, A: 667, m: 833, o: 556, u: 556, n: 556, t: 278 }, // Helvetica
  F2: { ...DIGITS, A: 722, m: 889, o: 611, u: 611, n: 611, t: 333 }, // Helvetica-Bold
};

function textWidth(font, s, size) {
  let w = 0;
  for (const ch of s) w += WIDTHS[font][ch] ?? 556;
  return (w * size) / 1000;
}

/** A PDF literal string in WinAnsiEncoding (em dash is 0x97), with ( ) \ escaped. */
function pdfString(s) {
  let out = "(";
  for (const ch of s) {
    if (ch === "(" || ch === ")" || ch === "\\") out += "\\" + ch;
    else if (ch === "\u2014") out += "\\227";
    else if (ch === "\u2013") out += "\\226";
    else if (ch.charCodeAt(0) >= 32 && ch.charCodeAt(0) < 127) out += ch;
    else out += "?";
  }
  return out + ")";
}

/** A PDF "text string" for the document info (UTF-16BE with BOM, as hex): any character. */
function pdfTextString(s) {
  let hex = "FEFF";
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0");
  return `<${hex}>`;
}

function money(n) {
  return "$" + n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function writePdf(specPath, key, outPath) {
  const spec = JSON.parse(readFileSync(specPath, "utf8"));
  const doc = spec.documents.find((d) => d.key === key);
  if (!doc) throw new Error(`no document ${key} in spec`);

  const ops = [];
  const text = (font, size, x, y, s) => ops.push(`BT /${font} ${size} Tf ${x.toFixed(2)} ${y.toFixed(2)} Td ${pdfString(s)} Tj ET`);
  const right = (font, size, xRight, y, s) => text(font, size, xRight - textWidth(font, s, size), y, s);
  const rule = (x1, y, x2, width = 0.5) => ops.push(`${width} w ${x1} ${y} m ${x2} ${y} l S`);

  const L = 60;
  const R = 552;
  // Header band.
  ops.push("0.13 0.25 0.38 rg 0 702 612 90 re f");
  ops.push("1 1 1 rg");
  text("F2", 24, L, 740, doc.title);
  text("F1", 11, L, 718, "Roofing  -  Gutters  -  Repairs  -  Inspections");
  ops.push("0 0 0 rg 0 0 0 RG");

  let y = 662;
  for (const line of doc.meta) {
    text("F1", 11, L, y, line);
    y -= 17;
  }

  y -= 20;
  ops.push("0.92 0.94 0.96 rg");
  ops.push(`${L} ${y - 7} ${R - L} 22 re f`);
  ops.push("0 0 0 rg");
  text("F2", 11, L + 8, y, "Item");
  right("F2", 11, R - 8, y, "Amount");
  y -= 26;

  let total = 0;
  for (const item of doc.items) {
    text("F1", 11, L + 8, y, item.description);
    right("F1", 11, R - 8, y, money(item.amount));
    total += item.amount;
    rule(L, y - 8, R);
    y -= 24;
  }

  y -= 6;
  text("F2", 12, 330, y, "Total");
  right("F2", 12, R - 8, y, money(total));
  y -= 20;
  const deposit = Math.round((total * doc.depositPercent) / 100);
  text("F1", 11, 330, y, `Deposit due (${doc.depositPercent}%)`);
  right("F1", 11, R - 8, y, money(deposit));
  y -= 18;
  text("F1", 11, 330, y, "Balance on completion");
  right("F1", 11, R - 8, y, money(total - deposit));

  y -= 50;
  text("F1", 10, L, y, "To accept, reply to this message or call Bay Roofing. Work is scheduled once the deposit is received.");
  rule(L, 70, R, 0.5);
  text("F1", 9, L, 56, doc.footer);

  const content = ops.join("\n") + "\n";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}endstream`,
    `<< /Title ${pdfTextString(doc.title)} /Producer (scripts/demo-media/build.mjs) >>`,
  ];

  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  writeFileSync(outPath, Buffer.from(out, "latin1"));
}

// ---------------------------------------------------------------------------------------------
// TypeScript module

const round3 = (n) => Math.round(n * 1000) / 1000;

function writeTs(specPath, tsvPath, outPath) {
  const spec = JSON.parse(readFileSync(specPath, "utf8"));
  const lineDur = new Map();
  const media = new Map();
  let offset = 0;
  for (const row of readFileSync(tsvPath, "utf8").split("\n")) {
    if (!row.trim()) continue;
    const f = row.split("\t");
    if (f[0] === "offset") offset = Number(f[1]);
    else if (f[0] === "line") lineDur.set(`${f[1]}#${f[2]}`, Number(f[3]));
    else if (f[0] === "media") {
      media.set(`${f[1]}:${f[2]}`, { path: f[3], contentType: f[4], size: Number(f[5]), duration: f[6] === "-" ? null : Number(f[6]) });
    } else throw new Error(`bad measurement row: ${row}`);
  }
  const need = (kind, key) => {
    const m = media.get(`${kind}:${key}`);
    if (!m) throw new Error(`no measurement for ${kind} ${key}`);
    return m;
  };

  const { leadInSeconds, gapSeconds } = spec.audio;
  const calls = spec.calls.map((c) => {
    const m = need("call", c.key);
    let t = offset + leadInSeconds;
    const segments = c.lines.map((line, i) => {
      const d = lineDur.get(`${c.key}#${i}`);
      if (d === undefined) throw new Error(`no duration for ${c.key} line ${i}`);
      const seg = { speaker: line.speaker, start: round3(t), end: round3(t + d), content: line.text };
      t += d + gapSeconds;
      return seg;
    });
    return {
      key: c.key,
      path: m.path,
      contentType: m.contentType,
      duration: round3(m.duration),
      size: m.size,
      direction: c.direction,
      agent: c.agent,
      contact: c.contact,
      topic: c.topic,
      summary: c.summary,
      nextSteps: c.nextSteps,
      sentiment: c.sentiment,
      segments,
    };
  });
  const voicemails = spec.voicemails.map((v) => {
    const m = need("voicemail", v.key);
    return { key: v.key, path: m.path, contentType: m.contentType, duration: round3(m.duration), size: m.size, contact: v.contact, transcript: v.text };
  });
  const images = spec.images.map((im) => {
    const m = need("image", im.key);
    return { key: im.key, path: m.path, contentType: m.contentType, size: m.size, caption: im.caption };
  });
  const documents = spec.documents.map((d) => {
    const m = need("document", d.key);
    return { key: d.key, path: m.path, contentType: m.contentType, size: m.size, caption: d.caption };
  });

  const out = `// GENERATED by scripts/demo-media/generate.sh from scripts/demo-media/spec.json. Do not edit by hand:
// edit the spec and re-run the script, which rebuilds the files under public/demo/ and this module
// together, so the paths, sizes, durations and transcript timings here always match the media.
//
// Paths are URL paths served by Next from public/ (e.g. "/demo/audio/leak-inspection.mp3").
// Segment start/end are float seconds from the start of the recording as Chromium plays it: each
// line's length measured with soxi, joined with fixed silences, plus the MP3 codec delay (${offset.toFixed(4)} s).

export type DemoSpeaker = "agent" | "contact";

export type DemoSegment = {
  speaker: DemoSpeaker;
  /** Float seconds from call start. */
  start: number;
  end: number;
  content: string;
};

export type DemoCallAudio = {
  key: string;
  /** URL path served by Next from public/. */
  path: string;
  contentType: string;
  /** Seconds (float), as reported by soxi for the encoded file. */
  duration: number;
  /** Bytes. */
  size: number;
  direction: "incoming" | "outgoing";
  /** Bay Roofing team member on the call (Dana or Luis). */
  agent: string;
  /** Customer's name. */
  contact: string;
  topic: string;
  summary: string[];
  nextSteps: string[];
  sentiment: "positive" | "neutral" | "negative";
  segments: DemoSegment[];
};

export type DemoVoicemail = {
  key: string;
  path: string;
  contentType: string;
  duration: number;
  size: number;
  /** Caller's name. */
  contact: string;
  /** Exactly the words spoken in the recording. */
  transcript: string;
};

export type DemoImage = {
  key: string;
  path: string;
  contentType: string;
  size: number;
  caption: string;
};

/** MMS attachments that are documents (PDF) have the same shape as images. */
export type DemoDocument = DemoImage;

export const demoCalls: DemoCallAudio[] = ${fmt(calls, 0)};

export const demoVoicemails: DemoVoicemail[] = ${fmt(voicemails, 0)};

export const demoImages: DemoImage[] = ${fmt(images, 0)};

export const demoDocuments: DemoDocument[] = ${fmt(documents, 0)};
`;
  writeFileSync(outPath, out);
}

/** A readable TS literal: one property per line, but each transcript segment on a single line. */
function fmt(v, depth) {
  const pad = "  ".repeat(depth);
  const inner = "  ".repeat(depth + 1);
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return "[\n" + v.map((x) => inner + fmt(x, depth + 1) + ",").join("\n") + "\n" + pad + "]";
  }
  if (v && typeof v === "object") {
    const entries = Object.entries(v);
    if ("speaker" in v && "start" in v) {
      return "{ " + entries.map(([k, x]) => `${k}: ${JSON.stringify(x)}`).join(", ") + " }";
    }
    return "{\n" + entries.map(([k, x]) => `${inner}${k}: ${fmt(x, depth + 1)},`).join("\n") + "\n" + pad + "}";
  }
  return JSON.stringify(v);
}

// Dispatch last, so every const above is initialized.
if (cmd === "pdf") writePdf(...args);
else if (cmd === "ts") writeTs(...args);
else {
  console.error("usage: build.mjs pdf SPEC KEY OUT | build.mjs ts SPEC TSV OUT");
  process.exit(2);
}
