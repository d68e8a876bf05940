/**
 * The report's name as titles print it: 政府信息公开工作年度报告 and its variants (…年度报告,
 * …年报, …工作报告, 政务公开…), with up to eight characters between 信息公开 and the noun
 * ("信息公开和政务公开工作年度报告"). One definition, read by the extractor (the printed title)
 * and the crawler (which listed articles are reports).
 */
export const REPORT_NAME = String.raw`(?:信息公开|政务公开)[^，。；、,;\s]{0,8}?(?:年度(?:工作)?报告|年报|工作报告)`;

export const REPORT_NAME_RE = new RegExp(REPORT_NAME);
