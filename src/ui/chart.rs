//! Charts: server-rendered SVG bars with a text alternative (the SVG's title and a
//! description that reads every bar), and the same numbers as a table beside them, so a chart
//! reads without JavaScript, without sight and in a spreadsheet's terms.
use leptos::prelude::*;

/// Width of the drawing, the part the labels take, and one bar's height and gap.
const WIDTH: i64 = 360;
const LABEL: i64 = 140;
const BAR: i64 = 16;
const GAP: i64 = 8;

/// One chart: `bars` (label, value) drawn to scale, then the table: `head` and `rows` (the
/// bars' numbers, and any columns beside them).
#[component]
pub fn BarChart(
    /// unique on the page (its title's and description's ids)
    #[prop(into)]
    id: String,
    title: String,
    bars: Vec<(String, i64)>,
    head: Vec<String>,
    rows: Vec<Vec<String>>,
) -> impl IntoView {
    let max = bars.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let height = (bars.len() as i64) * (BAR + GAP) + GAP;
    let room = WIDTH - LABEL - 40;
    let desc = bars
        .iter()
        .map(|(l, v)| format!("{l}: {v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let (title_id, desc_id) = (format!("{id}-t"), format!("{id}-d"));
    let labelled_by = format!("{title_id} {desc_id}");
    let drawn = bars
        .into_iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let y = GAP + i as i64 * (BAR + GAP);
            let w = value * room / max;
            view! {
                <text x="0" y=(y + 12).to_string() font-size="12" fill="#1c1917">{label}</text>
                <rect x=LABEL.to_string() y=y.to_string() width=w.max(1).to_string() height=BAR.to_string() fill="#047857" rx="2"></rect>
                <text x=(LABEL + w + 4).to_string() y=(y + 12).to_string() font-size="12" fill="#1c1917">{value.to_string()}</text>
            }
        })
        .collect_view();
    view! {
        <figure class="mt-4" data-testid="chart">
            <figcaption class="font-semibold">{title.clone()}</figcaption>
            <svg role="img" aria-labelledby=labelled_by viewBox=format!("0 0 {WIDTH} {height}") class="mt-2 w-full max-w-xl" xmlns="http://www.w3.org/2000/svg">
                <title id=title_id>{title.clone()}</title>
                <desc id=desc_id>{desc}</desc>
                {drawn}
            </svg>
            <table class="mt-2 text-sm">
                <caption class="sr-only">{title}</caption>
                <thead><tr>{head.into_iter().map(|h| view! { <th scope="col" class="pr-4 text-left">{h}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let mut cells = r.into_iter();
                        let first = cells.next().unwrap_or_default();
                        view! {
                            <tr>
                                <th scope="row" class="pr-4 text-left font-normal">{first}</th>
                                {cells.map(|c| view! { <td class="pr-4 text-right tabular-nums">{c}</td> }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </figure>
    }
}
