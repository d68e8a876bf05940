/**
 * Printing variants that fold to one form before labels are compared: traditional characters
 * seen in reports from Hong Kong-style templates and old CMS fonts. Only characters that occur in
 * the template's labels and headings are listed.
 */
export const TRADITIONAL_TO_SIMPLIFIED: Record<string, string> = {
  國: "国", 開: "开", 與: "与", 處: "处", 機: "机", 關: "关", 護: "护", 請: "请", 復: "复", 總: "总",
  計: "计", 議: "议", 訴: "诉", 訟: "讼", 維: "维", 審: "审", 結: "结", 轉: "转", 歸: "归", 產: "产",
  並: "并", 問: "问", 題: "题", 況: "况", 報: "报", 載: "载", 規: "规", 範: "范", 類: "类",
  險: "险", 穩: "稳", 權: "权", 務: "务", 執: "执", 詢: "询", 項: "项", 現: "现",
  補: "补", 確: "确", 訪: "访", 舉: "举", 複: "复", 費: "费", 繳: "缴", 製: "制", 廢: "废",
  許: "许", 罰: "罚", 強: "强", 發: "发", 級: "级", 單: "单", 組: "组", 織: "织", 會: "会",
  業: "业", 構: "构", 體: "体", 來: "来", 對: "对", 數: "数", 據: "据", 學: "学", 應: "应"
};
