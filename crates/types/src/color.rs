//! Colour rules shared by the apps and the generated sites.

/// `#rrggbb` → relative luminance (WCAG 2).
pub fn luminance(hex: &str) -> Option<f64> {
    let hex = hex.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let channel = |i: usize| -> Option<f64> {
        let c = f64::from(u8::from_str_radix(hex.get(i..i + 2)?, 16).ok()?) / 255.0;
        Some(if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}

/// White or near-black text on `background`, whichever contrasts more (WCAG ratio).
pub fn readable_text_on(background: &str) -> &'static str {
    const DARK: &str = "#111111";
    let Some(l) = luminance(background) else { return "#ffffff" };
    let with_white = 1.05 / (l + 0.05);
    let with_dark = (l + 0.05) / (luminance(DARK).unwrap_or(0.0056) + 0.05);
    if with_white >= with_dark { "#ffffff" } else { DARK }
}

#[cfg(test)]
mod tests {
    use super::{luminance, readable_text_on};

    #[test]
    fn text_on_a_colour_is_whichever_contrasts_more() {
        assert_eq!(readable_text_on("#e11d48"), "#ffffff", "rose takes white text");
        assert_eq!(readable_text_on("#0d9488"), "#111111", "teal takes dark text");
        assert_eq!(readable_text_on("#ffff00"), "#111111");
        assert_eq!(readable_text_on("#1e1b4b"), "#ffffff");
        assert_eq!(readable_text_on("not a colour"), "#ffffff");
        assert!((luminance("#ffffff").unwrap() - 1.0).abs() < 1e-9);
        assert!(luminance("#000000").unwrap().abs() < 1e-9);
    }
}
