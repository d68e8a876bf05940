/**
 * The printed column headers of table 二 (国办公开办函〔2021〕30号 and 〔2019〕60号), by template,
 * block (第二十条第（x）项) and contract column key: what the field dictionary shows as "label as
 * printed" (docs/dataset.md). The patterns that recognise the headers stay in table2.ts.
 */
export const TABLE2_HEADERS: Record<"2021" | "2019", Record<string, Record<string, string>>> = {
  "2021": {
    "（一）": { issued: "本年制发件数", repealed: "本年废止件数", inForce: "现行有效件数" },
    "（五）": { decisions: "本年处理决定数量" },
    "（六）": { decisions: "本年处理决定数量" },
    "（八）": { amount: "本年收费金额（单位：万元）" },
  },
  "2019": {
    "（一）": { newlyMade: "本年新制作数量", newlyPublished: "本年新公开数量", totalPublished: "对外公开总数量" },
    "（五）": { previousItems: "上一年项目数量", change: "本年增/减", decisions: "处理决定数量" },
    "（六）": { previousItems: "上一年项目数量", change: "本年增/减", decisions: "处理决定数量" },
    "（八）": { previousItems: "上一年项目数量", change: "本年增/减" },
    "（九）": { items: "采购项目数量", amount: "采购总金额" },
  },
};
