/** The inspect report: pure renderers, document(s) in, self-contained HTML out. */
export { renderReport, renderErrorReport, REPORT_CSP, type FailedPage } from './report.js';
export { renderIndex, type IndexEntry } from './index-page.js';
export { checkGold } from './compare.js';
export { parseGoldFile, goldEntryFor, GoldFileError } from './gold.js';
export { escapeHtml, linkableUrl } from './html.js';
export { CLASS_STYLES, REPORT_CLASSES } from './theme.js';
