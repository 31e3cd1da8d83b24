//! Bar charts drawn as SVG on the server: no script, no library, sharp at
//! any size, readable with the page's own fonts. Each chart carries its
//! figures as a table too, for screen readers and exact numbers.

use maud::{Markup, html};

/// Plot area of a chart of columns, in SVG units (the picture scales).
const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 44.0;
const BOTTOM: f64 = 34.0;
const TOP: f64 = 16.0;
/// One row of a chart of bars.
const ROW: f64 = 24.0;
const LABEL_WIDTH: f64 = 220.0;

/// One bar: its label and its value.
pub struct Bar {
    pub label: String,
    pub value: i64,
}

/// A round top for the value axis, so that its lines fall on even numbers.
fn axis_top(max: i64) -> i64 {
    let max = max.max(1);
    let magnitude = 10_i64.pow((max as f64).log10().floor() as u32);
    [1, 2, 5, 10]
        .iter()
        .map(|step| step * magnitude)
        .find(|top| *top >= max)
        .unwrap_or(10 * magnitude)
}

/// The values the axis marks, in whole steps from 0 to `top` (a round
/// number from [`axis_top`]).
fn axis_steps(top: i64) -> Vec<i64> {
    let leading = top / 10_i64.pow((top as f64).log10().floor() as u32);
    let divisions = match (top, leading) {
        (1..=4, _) => top,
        (_, 2) => 4,
        _ => 5,
    };
    (0..=divisions).map(|step| top * step / divisions).collect()
}

/// Columns side by side (days, hours): labels under them, the value axis
/// on the left with four lines.
pub fn columns(id: &str, caption: &str, bars: &[Bar], table_heading: (&str, &str)) -> Markup {
    let top = axis_top(bars.iter().map(|bar| bar.value).max().unwrap_or(0));
    let plot_width = WIDTH - LEFT - 8.0;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let slot = plot_width / bars.len().max(1) as f64;
    // Every label when they fit, else every second, fourth, ...
    let label_every = (1..).find(|n| slot * *n as f64 >= 34.0).unwrap_or(1);
    let y = |value: i64| TOP + plot_height * (1.0 - value as f64 / top as f64);
    html! {
        figure class="chart" {
            figcaption id={ (id) "-caption" } { (caption) }
            svg viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } role="img" aria-labelledby={ (id) "-caption" } {
                // Explicitly closed: in HTML an SVG element's "/>" is what
                // ends it, and maud writes void-style tags without it.
                @for value in axis_steps(top) {
                    line x1=(LEFT) x2=(WIDTH - 8.0) y1=(y(value)) y2=(y(value)) class="grid" {}
                    text x=(LEFT - 6.0) y=(y(value) + 4.0) text-anchor="end" class="axis" { (value) }
                }
                @for (index, bar) in bars.iter().enumerate() {
                    @let x = LEFT + slot * index as f64;
                    rect x=(x + slot * 0.12) y=(y(bar.value)) width=(slot * 0.76) height=(y(0) - y(bar.value)) class="bar" {
                        title { (bar.label) ": " (bar.value) }
                    }
                    @if index % label_every == 0 {
                        text x=(x + slot / 2.0) y=(HEIGHT - BOTTOM + 16.0) text-anchor="middle" class="axis" { (bar.label) }
                    }
                }
            }
            (figures_table(bars, table_heading))
        }
    }
}

/// Bars one under the other (towns, languages, kiosks), longest first as
/// given, each with its label on the left and its value at its end.
pub fn rows(id: &str, caption: &str, bars: &[Bar], table_heading: (&str, &str)) -> Markup {
    let top = bars.iter().map(|bar| bar.value).max().unwrap_or(0).max(1);
    let height = ROW * bars.len().max(1) as f64 + 8.0;
    let room = WIDTH - LABEL_WIDTH - 60.0;
    html! {
        figure class="chart" {
            figcaption id={ (id) "-caption" } { (caption) }
            svg viewBox={ "0 0 " (WIDTH) " " (height) } role="img" aria-labelledby={ (id) "-caption" } {
                @for (index, bar) in bars.iter().enumerate() {
                    @let y = 4.0 + ROW * index as f64;
                    @let length = room * bar.value as f64 / top as f64;
                    text x=(LABEL_WIDTH - 8.0) y=(y + ROW * 0.65) text-anchor="end" class="label" { (bar.label) }
                    rect x=(LABEL_WIDTH) y=(y + 3.0) width=(length) height=(ROW - 6.0) class="bar" {
                        title { (bar.label) ": " (bar.value) }
                    }
                    text x=(LABEL_WIDTH + length + 6.0) y=(y + ROW * 0.65) class="value" { (bar.value) }
                }
            }
            (figures_table(bars, table_heading))
        }
    }
}

fn figures_table(bars: &[Bar], (label, value): (&str, &str)) -> Markup {
    html! {
        details {
            summary { (label) " · " (value) }
            table {
                thead { tr { th scope="col" { (label) } th scope="col" { (value) } } }
                tbody {
                    @for bar in bars {
                        tr { td { (bar.label) } td { (bar.value) } }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_ends_on_a_round_number_at_or_above_the_largest_value() {
        assert_eq!(axis_top(0), 1);
        assert_eq!(axis_top(1), 1);
        assert_eq!(axis_top(3), 5);
        assert_eq!(axis_top(7), 10);
        assert_eq!(axis_top(11), 20);
        assert_eq!(axis_top(480), 500);
        assert_eq!(axis_top(501), 1000);
    }

    #[test]
    fn the_axis_is_marked_in_whole_steps() {
        assert_eq!(axis_steps(1), [0, 1]);
        assert_eq!(axis_steps(2), [0, 1, 2]);
        assert_eq!(axis_steps(5), [0, 1, 2, 3, 4, 5]);
        assert_eq!(axis_steps(20), [0, 5, 10, 15, 20]);
        assert_eq!(axis_steps(500), [0, 100, 200, 300, 400, 500]);
    }

    #[test]
    fn a_bar_is_as_tall_as_its_value_says() {
        let bars = [
            Bar {
                label: "09".into(),
                value: 5,
            },
            Bar {
                label: "10".into(),
                value: 10,
            },
        ];
        let svg = columns("c", "Leads", &bars, ("Hour", "Leads")).into_string();
        // The plot is 190 units tall and the axis ends at 10.
        assert!(svg.contains("height=\"95\""), "{svg}");
        assert!(svg.contains("height=\"190\""), "{svg}");
        assert!(svg.contains("<title>10: 10</title>"), "{svg}");
        assert!(svg.contains("class=\"grid\"></line>"), "closed: {svg}");
    }
}
