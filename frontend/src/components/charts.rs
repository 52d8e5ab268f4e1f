//! Charts drawn in the app as SVG: bars (stacked when a day has several parts) and a line.
//! Each chart says what it shows in its `aria-label` and lists its numbers in `<title>`s, so a
//! screen reader and a hovering mouse both get the figures.

use leptos::prelude::*;

/// One bar: its label (a day) and its parts, bottom up, as (value, CSS class, description).
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub parts: Vec<(f64, &'static str, String)>,
}

const W: f64 = 640.0;
const H: f64 = 200.0;
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 24.0;

/// A round top for the axis: 1, 2, 5 × 10ⁿ above `max`.
fn nice_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * magnitude).find(|v| *v >= max).unwrap_or(max)
}

/// Every `step`-th label on the x axis, so that at most ~10 show.
fn label_step(n: usize) -> usize {
    n.div_ceil(10).max(1)
}

fn axis(top: f64, unit: &'static str) -> impl IntoView {
    let ticks: Vec<f64> = (0..=4).map(|i| top * f64::from(i) / 4.0).collect();
    ticks
        .into_iter()
        .map(|t| {
            let y = H - BOTTOM - (t / top) * (H - BOTTOM - 8.0);
            let label = if t.fract() == 0.0 { format!("{t:.0}{unit}") } else { format!("{t:.1}{unit}") };
            view! {
                <line x1=LEFT x2=W y1=y y2=y class="grid"/>
                <text x=LEFT - 6.0 y=y + 4.0 text-anchor="end" class="tick">{label}</text>
            }
        })
        .collect_view()
}

#[component]
pub fn BarChart(bars: Vec<Bar>, label: String, #[prop(default = "")] unit: &'static str) -> impl IntoView {
    let max = bars.iter().map(|b| b.parts.iter().map(|p| p.0).sum::<f64>()).fold(0.0, f64::max);
    // Bars count things: at least four steps of one, so the ticks are whole numbers.
    let top = nice_max(max).max(4.0);
    let n = bars.len().max(1);
    let slot = (W - LEFT) / n as f64;
    let step = label_step(n);
    let scale = move |v: f64| v / top * (H - BOTTOM - 8.0);
    view! {
        <svg class="chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label=label>
            {axis(top, unit)}
            {bars.into_iter().enumerate().map(|(i, bar)| {
                let x = LEFT + slot * i as f64 + slot * 0.15;
                let width = slot * 0.7;
                let mut y = H - BOTTOM;
                let parts = bar.parts.into_iter().filter(|p| p.0 > 0.0).map(|(value, class, title)| {
                    let h = scale(value);
                    y -= h;
                    view! { <rect x=x y=y width=width height=h class=class><title>{format!("{}: {title}", bar.label)}</title></rect> }
                }).collect_view();
                let show = i % step == 0;
                view! {
                    {parts}
                    {show.then(|| view! { <text x=x + width / 2.0 y=H - 6.0 text-anchor="middle" class="tick">{bar.label.clone()}</text> })}
                }
            }).collect_view()}
        </svg>
    }
}

/// A line over days; `None` leaves a gap (a day without a value).
#[component]
pub fn LineChart(
    points: Vec<(String, Option<f64>)>,
    label: String,
    #[prop(default = "")] unit: &'static str,
) -> impl IntoView {
    let top = nice_max(points.iter().filter_map(|p| p.1).fold(0.0, f64::max));
    let n = points.len().max(1);
    let slot = (W - LEFT) / n as f64;
    let step = label_step(n);
    let xy = |i: usize, v: f64| (LEFT + slot * (i as f64 + 0.5), H - BOTTOM - v / top * (H - BOTTOM - 8.0));
    // Runs of consecutive values become one path each.
    let mut paths = Vec::new();
    let mut current = String::new();
    for (i, (_, v)) in points.iter().enumerate() {
        match v {
            Some(v) => {
                let (x, y) = xy(i, *v);
                current.push_str(&format!("{}{x:.1},{y:.1} ", if current.is_empty() { "M" } else { "L" }));
            }
            None if !current.is_empty() => paths.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        paths.push(current);
    }
    view! {
        <svg class="chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label=label>
            {axis(top, unit)}
            {paths.into_iter().map(|d| view! { <path d=d class="line"/> }).collect_view()}
            {points.into_iter().enumerate().map(|(i, (day, v))| {
                let dot = v.map(|v| {
                    let (x, y) = xy(i, v);
                    view! { <circle cx=x cy=y r="3" class="pt"><title>{format!("{day}: {v:.1}{unit}")}</title></circle> }
                });
                let show = i % step == 0;
                let (x, _) = xy(i, 0.0);
                view! {
                    {dot}
                    {show.then(|| view! { <text x=x y=H - 6.0 text-anchor="middle" class="tick">{day.clone()}</text> })}
                }
            }).collect_view()}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_end_on_round_numbers_and_labels_thin_out() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(3.0), 5.0);
        assert_eq!(nice_max(7.2), 10.0);
        assert_eq!(nice_max(12.0), 20.0);
        assert_eq!(nice_max(480.0), 500.0);
        assert_eq!((label_step(7), label_step(30), label_step(90)), (1, 3, 9));
    }
}
