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

/// The WCAG contrast ratio of two colours (1 to 21), `None` for anything not `#rrggbb`.
pub fn contrast(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (luminance(a)?, luminance(b)?);
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

/// `accent` as a text colour (links) on `background`: the accent itself when it contrasts
/// enough (WCAG AA, 4.5:1), else the accent mixed towards black (on a light background) or
/// white (on a dark one) just until it does.
pub fn readable_as_text(accent: &str, background: &str) -> String {
    let Some(bg) = luminance(background) else { return accent.to_owned() };
    let towards: [f64; 3] = if bg > 0.18 { [0.0; 3] } else { [255.0; 3] };
    let Some(rgb) = (1..6)
        .step_by(2)
        .map(|i| accent.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()).map(f64::from))
        .collect::<Option<Vec<f64>>>()
    else {
        return accent.to_owned();
    };
    for step in 0..=20 {
        let t = f64::from(step) / 20.0;
        let mixed: Vec<u8> = rgb.iter().zip(towards).map(|(c, to)| (c + (to - c) * t).round() as u8).collect();
        let hex = format!("#{:02x}{:02x}{:02x}", mixed[0], mixed[1], mixed[2]);
        if contrast(&hex, background).is_some_and(|r| r >= 4.5) {
            return hex;
        }
    }
    if bg > 0.18 { "#000000".to_owned() } else { "#ffffff".to_owned() }
}

#[cfg(test)]
mod tests {
    use super::{contrast, luminance, readable_as_text, readable_text_on};

    #[test]
    fn an_accent_used_as_text_is_darkened_or_lightened_just_enough() {
        for accent in ["#0d9488", "#e11d48", "#facc15", "#4f46e5", "#7c3aed"] {
            let light = readable_as_text(accent, "#f7f7f9");
            assert!(contrast(&light, "#f7f7f9").unwrap() >= 4.5, "{accent} → {light}");
            let dark = readable_as_text(accent, "#1b1b20");
            assert!(contrast(&dark, "#1b1b20").unwrap() >= 4.5, "{accent} → {dark}");
        }
        // An accent that already contrasts is kept as it is.
        assert_eq!(readable_as_text("#4f46e5", "#f7f7f9"), "#4f46e5");
    }

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
