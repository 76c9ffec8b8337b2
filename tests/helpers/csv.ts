/** RFC 4180 parser, strict enough to catch quoting mistakes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else if (c === '"' || c === "\n" || c === "\r") throw new Error(`stray ${JSON.stringify(c)} at ${i}`);
    else field += c;
  }
  if (field !== "" || row.length > 0) throw new Error("missing final CRLF");
  return rows;
}
