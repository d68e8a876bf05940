/**
 * The tab-separated text form of a report (samples/mengjin-czj-2022.txt): paragraphs are lines
 * without a tab, separated by blank lines; a table is a run of lines with tabs, one row a line,
 * one printed cell a field. A blank line between two tab lines does not end the table (the
 * 孟津 text has one inside table 三).
 */
export type TabBlock = { kind: "paragraph"; text: string } | { kind: "table"; rows: string[][] };

export function readTabText(text: string): TabBlock[] {
  const blocks: TabBlock[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    if (line.includes("\t")) {
      const last = blocks[blocks.length - 1];
      const fields = line.split("\t").map((f) => f.trim());
      if (last?.kind === "table") last.rows.push(fields);
      else blocks.push({ kind: "table", rows: [fields] });
    } else {
      blocks.push({ kind: "paragraph", text: line.trim() });
    }
  }
  return blocks;
}
