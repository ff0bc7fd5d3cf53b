//! Markdown written by people becomes HTML only through here: pulldown-cmark renders,
//! ammonia removes everything that is not harmless markup. HTML typed into the markdown is shown
//! as text, not interpreted: images then come only from `![description](url)`, with their alt text.

use pulldown_cmark::{Event, Options, Parser, html};

pub fn to_safe_html(source: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    let mut raw = String::with_capacity(source.len() * 3 / 2);
    let events = Parser::new_ext(source, options).map(|event| match event {
        Event::Html(text) | Event::InlineHtml(text) => Event::Text(text),
        other => other,
    });
    html::push_html(&mut raw, events);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_and_sanitises() {
        let html =
            to_safe_html("**fett** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>");
        assert!(html.contains("<strong>fett</strong>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("href=\"javascript:"), "{html}");
        assert!(!html.contains("<img"), "typed HTML is text: {html}");
    }

    #[test]
    fn typed_html_is_text_and_images_keep_their_description() {
        let html = to_safe_html("<b>nicht fett</b> ![Team beim Lauf](https://intranet.example/lauf.jpg)");
        assert!(html.contains("&lt;b&gt;nicht fett&lt;/b&gt;"), "{html}");
        assert!(html.contains("alt=\"Team beim Lauf\""), "{html}");
    }
}
