//! Markdown written by people becomes HTML only through here: pulldown-cmark renders,
//! ammonia removes everything that is not harmless markup. HTML typed into the markdown is shown
//! as text, not interpreted: images then come only from `![description](url)`, with their alt text.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// Renders markdown that mentions nobody known (descriptions and the like).
pub fn to_safe_html(source: &str) -> String {
    to_html(source, &|_| None, Images::Inline)
}

/// Renders markdown for a mail: as `to_safe_html`, but an image becomes a link to it with its
/// description. A mail that loads a picture from elsewhere when it is opened tells that server
/// who read it and when; intranet mail shows no such pictures.
pub fn to_mail_html(source: &str) -> String {
    to_html(source, &|_| None, Images::AsLinks)
}

/// Renders markdown: `@uid` of a person `name_of` knows becomes a link to their profile that
/// reads as their name ("@Julia Neumann", as the writer picked her), `#topic` a link to the
/// topic's page; neither inside code or links. `name_of` gets the uid in lower case.
pub fn render(source: &str, name_of: &dyn Fn(&str) -> Option<String>) -> String {
    to_html(source, name_of, Images::Inline)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Images {
    Inline,
    AsLinks,
}

fn to_html(source: &str, name_of: &dyn Fn(&str) -> Option<String>, images: Images) -> String {
    let mut raw = String::with_capacity(source.len() * 3 / 2);
    let mut outside = Outside::default();
    let events = parser(source).flat_map(|event| {
        let mut out = Vec::new();
        match event {
            Event::Html(text) | Event::InlineHtml(text) => out.push(Event::Text(text)),
            // People write as in a chat or a mail: a line break they type stays one (a
            // signature under "Viele Grüße", an agenda typed line by line).
            Event::SoftBreak => out.push(Event::HardBreak),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) if images == Images::AsLinks => {
                let link = Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                });
                outside.follow(&link);
                out.push(link);
            }
            Event::End(TagEnd::Image) if images == Images::AsLinks => {
                let end = Event::End(TagEnd::Link);
                outside.follow(&end);
                out.push(end);
            }
            Event::Text(text) if outside.is_plain() => scan(&text, |piece| match piece {
                Piece::Text(t) => out.push(Event::Text(CowStr::from(t.to_string()))),
                Piece::Mention(uid) => match name_of(&uid.to_lowercase()) {
                    Some(name) => {
                        out.push(Event::Start(Tag::Link {
                            link_type: pulldown_cmark::LinkType::Inline,
                            dest_url: CowStr::from(format!("/people/{}", uid.to_lowercase())),
                            title: CowStr::from(""),
                            id: CowStr::from(""),
                        }));
                        out.push(Event::Text(CowStr::from(format!("@{name}"))));
                        out.push(Event::End(TagEnd::Link));
                    }
                    None => out.push(Event::Text(CowStr::from(format!("@{uid}")))),
                },
                Piece::Topic(topic) => {
                    let href = topic_path(topic);
                    out.push(Event::InlineHtml(CowStr::from(format!(
                        "<a href=\"{href}\">#{topic}</a>"
                    ))));
                }
            }),
            other => {
                outside.follow(&other);
                out.push(other);
            }
        }
        out
    });
    html::push_html(&mut raw, events);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string()
}

/// The first `max` characters of a text's words, without markup (for digests and search
/// hits), people mentioned by name as the saved text shows them; cut at a word with "…".
pub fn excerpt(source: &str, max: usize, name_of: &dyn Fn(&str) -> Option<String>) -> String {
    let mut words = String::new();
    let mut outside = Outside::default();
    for event in parser(source) {
        outside.follow(&event);
        match event {
            Event::Text(t) if outside.is_plain() => scan(&t, |piece| match piece {
                Piece::Text(t) => words.push_str(t),
                Piece::Mention(uid) => {
                    words.push('@');
                    words.push_str(&name_of(&uid.to_lowercase()).unwrap_or_else(|| uid.to_string()));
                }
                Piece::Topic(topic) => {
                    words.push('#');
                    words.push_str(topic);
                }
            }),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => words.push_str(&t),
            // Blocks end in a space; inline markup (`**fetter**:`) does not.
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::TableCell,
            ) => words.push(' '),
            _ => {}
        }
    }
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.chars().count() <= max {
        return words;
    }
    let cut: String = words.chars().take(max).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}

/// The people (`@uid`, lower-cased) and topics (`#topic`, as keys) a text refers to, each once.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct References {
    pub mentions: Vec<String>,
    pub topics: Vec<String>,
}

pub fn references(source: &str) -> References {
    let mut found = References::default();
    let mut outside = Outside::default();
    for event in parser(source) {
        match event {
            Event::Text(text) if outside.is_plain() => scan(&text, |piece| match piece {
                Piece::Mention(uid) => found.mentions.push(uid.to_lowercase()),
                Piece::Topic(topic) => found.topics.push(topic_key(topic)),
                Piece::Text(_) => {}
            }),
            other => outside.follow(&other),
        }
    }
    for list in [&mut found.mentions, &mut found.topics] {
        list.sort();
        list.dedup();
    }
    found
}

/// How a topic is stored and linked: lower case, whatever case it was written in.
pub fn topic_key(topic: &str) -> String {
    topic.to_lowercase()
}

/// The address of a topic's page.
pub fn topic_path(topic: &str) -> String {
    let key = topic_key(topic);
    let encoded: String = url::form_urlencoded::byte_serialize(key.as_bytes()).collect();
    format!("/topics/{encoded}")
}

fn parser(source: &str) -> Parser<'_> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    Parser::new_ext(source, options)
}

/// Whether the text at hand is inside a code block or a link, where `@` and `#` mean nothing.
#[derive(Default)]
struct Outside {
    code: usize,
    link: usize,
}

impl Outside {
    fn is_plain(&self) -> bool {
        self.code == 0 && self.link == 0
    }

    fn follow(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => self.code += 1,
            Event::End(TagEnd::CodeBlock) => self.code = self.code.saturating_sub(1),
            Event::Start(Tag::Link { .. }) => self.link += 1,
            Event::End(TagEnd::Link) => self.link = self.link.saturating_sub(1),
            _ => {}
        }
    }
}

enum Piece<'a> {
    Text(&'a str),
    Mention(&'a str),
    Topic(&'a str),
}

/// Splits text into plain pieces, `@uid` mentions and `#topic`s. A marker counts only at the
/// start or after a space or opening punctuation (not in `mail@example.org` or `page#anchor`);
/// a topic starts with a letter (`#1` is not one); trailing dots and dashes end a sentence.
fn scan<'a>(text: &'a str, mut emit: impl FnMut(Piece<'a>)) {
    const MAX: usize = 64;
    let mut last = 0;
    let mut i = 0;
    let mut prev: Option<char> = None;
    while let Some(c) = text[i..].chars().next() {
        let after_boundary = prev.is_none_or(|p| p.is_whitespace() || "([{\"'„“«".contains(p));
        if (c == '@' || c == '#') && after_boundary {
            let start = i + 1;
            let ok = |ch: char| {
                if c == '@' {
                    ch.is_ascii_alphanumeric() || matches!(ch, '.' | '_' | '-')
                } else {
                    ch.is_alphanumeric() || matches!(ch, '_' | '-')
                }
            };
            let end = text[start..]
                .char_indices()
                .find(|(_, ch)| !ok(*ch))
                .map_or(text.len(), |(j, _)| start + j);
            let token = text[start..end].trim_end_matches(['.', '-', '_']);
            let first = token.chars().next();
            let valid = token.chars().count() <= MAX
                && match c {
                    '@' => first.is_some_and(|f| f.is_ascii_alphanumeric()),
                    _ => first.is_some_and(char::is_alphabetic),
                };
            if valid {
                emit(Piece::Text(&text[last..i]));
                emit(if c == '@' {
                    Piece::Mention(token)
                } else {
                    Piece::Topic(token)
                });
                i = start + token.len();
                last = i;
                prev = token.chars().last();
                continue;
            }
        }
        prev = Some(c);
        i += c.len_utf8();
    }
    if last < text.len() {
        emit(Piece::Text(&text[last..]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_plain_and_cut_at_a_word() {
        assert_eq!(
            excerpt("# Titel\n\nEin **fetter** Satz mit `code`.", 100, &|_| None),
            "Titel Ein fetter Satz mit code."
        );
        assert_eq!(excerpt("eins zwei drei vier", 12, &|_| None), "eins zwei…");
        assert_eq!(
            excerpt("**Neu**: mehr\n\n- eins\n- zwei", 100, &|_| None),
            "Neu: mehr eins zwei"
        );
        assert_eq!(
            excerpt("<script>x</script>", 50, &|_| None),
            "<script>x</script>",
            "text, escaped where it is shown"
        );
        let names = |uid: &str| (uid == "aschmidt").then(|| "Anna Schmidt".to_string());
        assert_eq!(
            excerpt("Danke @ASchmidt und @niemand für #Lauftreff, `@code`", 100, &names),
            "Danke @Anna Schmidt und @niemand für #Lauftreff, @code",
            "people by name, as the saved text shows them"
        );
    }

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
    fn a_typed_line_break_stays_one() {
        assert_eq!(
            to_safe_html("Viele Grüße\nMarkus\n\n```\na\nb\n```"),
            "<p>Viele Grüße<br>\nMarkus</p>\n<pre><code>a\nb\n</code></pre>\n"
        );
    }

    #[test]
    fn mail_shows_no_pictures_from_elsewhere() {
        let html = to_mail_html("Hallo ![Pixel](https://tracker.example/p.gif \"t\") und **mehr**");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains(r#"<a href="https://tracker.example/p.gif""#) && html.contains(">Pixel</a>"),
            "{html}"
        );
        assert!(to_safe_html("![Bild](/static/x.png)").contains("<img"));
    }

    #[test]
    fn mentions_and_topics_become_links_outside_code() {
        let source = "Hallo @Anna und @niemand, mail@example.org zu #Qualität und #1.\n\n`@anna #code`\n\n\
                      ```\n@anna #block\n```\n\n[#link](https://x.example/#frag) (#Lauf-Treff).";
        let html = render(source, &|uid| (uid == "anna").then(|| "Anna <Groß>".to_string()));
        assert!(html.contains("<a href=\"/people/anna\""), "{html}");
        assert!(html.contains(">@Anna &lt;Groß&gt;</a>"), "the name, as text: {html}");
        assert!(html.contains("@niemand"), "{html}");
        assert!(!html.contains("/people/niemand"), "{html}");
        assert!(html.contains("<a href=\"/topics/qualit%C3%A4t\""), "{html}");
        assert!(html.contains("/topics/lauf-treff"), "{html}");
        assert!(!html.contains("/topics/1") && !html.contains("/topics/code") && !html.contains("/topics/block"));
        assert!(!html.contains("/people/example.org"), "{html}");
        let refs = references(source);
        assert_eq!(refs.mentions, vec!["anna", "niemand"]);
        assert_eq!(refs.topics, vec!["lauf-treff", "qualität"]);
    }

    #[test]
    fn typed_html_is_text_and_images_keep_their_description() {
        let html = to_safe_html("<b>nicht fett</b> ![Team beim Lauf](https://intranet.example/lauf.jpg)");
        assert!(html.contains("&lt;b&gt;nicht fett&lt;/b&gt;"), "{html}");
        assert!(html.contains("alt=\"Team beim Lauf\""), "{html}");
    }
}
