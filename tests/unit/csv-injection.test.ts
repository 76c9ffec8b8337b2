import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "@/lib/timeline/csv";

describe("CSV cells", () => {
  it("quotes every text cell, so a separator inside never starts a new cell", () => {
    expect(csvCell("hello")).toBe('"hello"');
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell(42)).toBe("42");
    expect(csvCell(true)).toBe("yes");
    expect(csvCell(null)).toBe("");
    expect(csvRow(["a", 1, null])).toBe('"a",1,\r\n');
  });

  it("defuses a formula at the start of the cell", () => {
    for (const lead of ["=", "+", "-", "@", "\t", "\r"]) expect(csvCell(`${lead}1+1`)).toBe(`"'${lead}1+1"`);
  });

  it("defuses a formula after a ; , or tab, where spreadsheets in other locales split cells", () => {
    expect(csvCell('hi;=HYPERLINK("http://evil.example","x")')).toBe(`"hi;'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell("a, -2+3")).toBe(`"a, '-2+3"`);
    expect(csvCell("a\t@SUM(A1)")).toBe(`"a\t'@SUM(A1)"`);
    expect(csvCell("a;b;+c")).toBe(`"a;b;'+c"`);
    // Ordinary text is left alone.
    expect(csvCell("Call me at 3; thanks")).toBe('"Call me at 3; thanks"');
  });
});
