namespace Kiln.Reporting.Rendering;

// The page's only stylesheet, inlined. System fonts only; no url(), no @import. It holds no '<' or '&', so the page
// stays well-formed XML.
internal static class ReportStyles
{
    public const string Css = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --soft: #f6f8fa; --primary: #3a6ea5; --accent: #d9822b; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
.page { max-width: 1180px; margin: 0 auto; padding: 28px 32px 48px; }
h1 { font-size: 26px; line-height: 1.25; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 20px; margin: 0 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 22px 0 8px; }
p { margin: 8px 0; }
a { color: var(--primary); }
.subtitle { color: var(--muted); margin: 0 0 18px; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(210px, 1fr)); gap: 12px; margin: 0 0 20px; }
.tile { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: var(--soft); }
.tile .label { font-size: 12px; letter-spacing: .04em; text-transform: uppercase; color: var(--muted); }
.tile .value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.tile .note { font-size: 12px; color: var(--muted); }
nav.contents { border: 1px solid var(--line); border-radius: 8px; padding: 10px 18px; margin: 0 0 8px; }
nav.contents h2 { font-size: 14px; border: 0; margin: 0; padding: 0; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
nav.contents ol { margin: 6px 0 2px; padding-left: 22px; columns: 2; column-gap: 40px; }
section { margin-top: 36px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
thead th { background: var(--soft); font-weight: 600; white-space: nowrap; }
th.num, td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(350px, 1fr)); column-gap: 36px; margin: 0; }
dl.facts div { display: flex; gap: 12px; padding: 5px 2px; border-bottom: 1px solid var(--line); }
dl.facts dt { flex: 0 0 175px; color: var(--muted); }
dl.facts dd { flex: 1 1 auto; min-width: 0; margin: 0; overflow-wrap: anywhere; }
table.scores td:first-child { white-space: nowrap; }
table.metrics { width: auto; min-width: 50%; }
tr.selected td { background: #fdf1e4; }
tr.baseline td { color: var(--muted); }
th.key { color: var(--accent); }
.badge { display: inline-block; margin-left: 6px; padding: 0 7px; border-radius: 10px; font-size: 11px; font-weight: 600; vertical-align: 1px; }
.badge.selected { background: var(--accent); color: #fff; }
.badge.baseline { background: #e4e7eb; color: #444c56; }
.table-scroll { overflow-x: auto; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 16px; align-items: start; margin-top: 16px; }
figure { margin: 0; padding: 8px; border: 1px solid var(--line); border-radius: 8px; background: #fff; break-inside: avoid; }
figcaption { padding: 4px 6px 0; font-size: 13px; color: var(--muted); }
svg.plot { display: block; max-width: 100%; height: auto; margin: 0 auto; }
td.plot-cell { width: 276px; padding: 2px 6px; }
td.plot-cell svg.plot { width: 260px; }
.column-name { font-weight: 600; overflow-wrap: anywhere; }
.muted, .options { color: var(--muted); }
.options { font-size: 13px; overflow-wrap: anywhere; }
.stat-line { white-space: nowrap; font-variant-numeric: tabular-nums; }
.warning { margin: 8px 0; padding: 8px 12px; border-left: 4px solid; border-radius: 4px; }
.warning.severity-critical { border-color: #cf222e; background: #ffebe9; }
.warning.severity-warning { border-color: #bf8700; background: #fff8c5; }
.warning.severity-info { border-color: #0969da; background: #ddf4ff; }
.warning .severity { margin-right: 8px; font-size: 12px; font-weight: 700; letter-spacing: .04em; text-transform: uppercase; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; overflow-wrap: anywhere; }
footer { margin-top: 40px; padding-top: 8px; border-top: 1px solid var(--line); font-size: 12px; color: var(--muted); }
@media (max-width: 700px) { .page { padding: 16px; } nav.contents ol { columns: 1; } .figures { grid-template-columns: 1fr; } }
@media print {
  body { font-size: 10.5pt; }
  .page { max-width: none; padding: 0; }
  nav.contents { display: none; }
  .table-scroll { overflow: visible; }
  a { color: inherit; text-decoration: none; }
  figure, tr, .tile, .warning, dl.facts div { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
@page { margin: 14mm; }
""";
}
