/**
 * Names that locate a division but are not in the division list, held as data. Each entry cites
 * why the name belongs where it points. Keep this table short: a name the list already has, or
 * one the stem rule of resolve.ts finds (孟津县 → 孟津区), does not belong here.
 */
export interface RegionAlias {
  /** The name as agencies print it. */
  name: string;
  /** The six-digit code it stands for. */
  code: string;
  why: string;
}

export const REGION_ALIASES: readonly RegionAlias[] = [
  {
    name: "平潭综合实验区",
    code: "350128",
    why: "福建省人民政府派出机构 (2012), whose territory is 平潭县 of 福州市 (corpus: the 平潭 reports)",
  },
  {
    name: "雄安新区",
    code: "130600",
    why: "spans 雄县, 容城县 and 安新县 of 保定市 (2017): the prefecture is known, the county is not",
  },
];
