//! How Allmende looks for one company: its name beside the logo, the logo, and one accent
//! colour. The colour is checked when the file is read: links are drawn in it on white and
//! buttons write white on it, so it must give 4.5:1 both ways (WCAG AA), or start-up names the
//! key instead of shipping pages no one can read.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrandingSettings {
    /// Shown in the header and the title of every page.
    pub name: String,
    /// A PNG, JPEG, WebP or SVG file; empty: a mark with the name's first letter.
    pub logo: String,
    pub accent: Accent,
}

/// A colour as `#rrggbb`, dark enough for white text and for links on white.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accent([u8; 3]);

const MIN_CONTRAST: f64 = 4.5;

impl Accent {
    pub fn parse(text: &str) -> Result<Accent, String> {
        let hex = text
            .trim()
            .strip_prefix('#')
            .filter(|h| h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()))
            .ok_or_else(|| format!("`{text}` is not a colour like #0b5cad"))?;
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).expect("checked hex digits");
        let accent = Accent([channel(0), channel(2), channel(4)]);
        let contrast = accent.contrast_with_white();
        if contrast < MIN_CONTRAST {
            return Err(format!(
                "`{text}` gives white text only {contrast:.1}:1 contrast; choose a darker colour (at least {MIN_CONTRAST}:1)"
            ));
        }
        Ok(accent)
    }

    /// WCAG 2 contrast ratio of this colour against white.
    pub fn contrast_with_white(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0;
        let luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
        1.05 / (luminance + 0.05)
    }

    pub fn css(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }
}

impl<'de> Deserialize<'de> for Accent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Accent::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_accent_too_light_for_white_text_is_refused() {
        assert_eq!(Accent::parse("#0B5CAD").unwrap().css(), "#0b5cad");
        assert!(Accent::parse("#f5c211").unwrap_err().contains("contrast"));
        assert!(Accent::parse("blue").is_err());
        assert!(Accent::parse("#12345").is_err());
        assert!((Accent::parse("#000000").unwrap().contrast_with_white() - 21.0).abs() < 0.01);
    }
}
