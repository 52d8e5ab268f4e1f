//! The Markdown writers draft in: its word count, a safe HTML preview, and plain text for a
//! site section. One parser (pulldown-cmark, CommonMark) on the server and in the apps, so
//! the count and the preview a writer sees are the ones staff and the client see.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

fn parser(markdown: &str) -> Parser<'_> {
    Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES)
}

/// Words of the text as a reader sees it: Markdown marks (`#`, `*`, list bullets, link
/// targets) do not count; `l'atelier` and `well-known` are one word each.
pub fn word_count(markdown: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for event in parser(markdown) {
        match event {
            Event::Text(text) | Event::Code(text) => {
                for c in text.chars() {
                    let part_of_word = c.is_alphanumeric() || (in_word && matches!(c, '\'' | '’' | '-'));
                    if part_of_word && !in_word {
                        words += 1;
                    }
                    in_word = part_of_word;
                }
            }
            // Emphasis inside a word (`un*believ*able`) keeps it one word.
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link) => {}
            _ => in_word = false,
        }
    }
    words
}

fn safe_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || lower.starts_with('/')
        || lower.starts_with('#')
}

/// HTML for a preview. Raw HTML in the Markdown is shown as text, links other than
/// http(s), mailto and site paths lose their target, and images are shown as their
/// description: what a writer types cannot run script in anyone's browser.
pub fn to_html(markdown: &str) -> String {
    let events = parser(markdown).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest_url = if safe_link(&dest_url) { dest_url } else { CowStr::Borrowed("#") };
            Event::Start(Tag::Link { link_type, dest_url, title, id })
        }
        Event::Start(Tag::Image { .. }) => Event::Text(CowStr::Borrowed("[")),
        Event::End(TagEnd::Image) => Event::Text(CowStr::Borrowed("]")),
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// A text made ready for a site section: its first heading (if it opens with one) and its
/// paragraphs as plain text separated by blank lines (list items on lines of their own).
pub fn to_section_text(markdown: &str) -> (Option<String>, String) {
    let mut heading: Option<String> = None;
    let mut blocks: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut in_first_heading = false;
    let mut seen_block = false;
    for event in parser(markdown) {
        match event {
            Event::Start(Tag::Heading { .. }) if !seen_block && heading.is_none() => in_first_heading = true,
            Event::End(TagEnd::Heading(_)) if in_first_heading => {
                in_first_heading = false;
                seen_block = true;
                heading = Some(std::mem::take(&mut current).trim().to_owned());
            }
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak => current.push(' '),
            Event::HardBreak => current.push('\n'),
            Event::Start(Tag::Item) => {
                if !current.trim().is_empty() {
                    current.push('\n');
                }
                current.push_str("• ");
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::List(_) | TagEnd::CodeBlock | TagEnd::BlockQuote(_),
            ) => {
                seen_block = true;
                let block = std::mem::take(&mut current).trim().to_owned();
                if !block.is_empty() {
                    blocks.push(block);
                }
            }
            _ => {}
        }
    }
    let rest = current.trim();
    if !rest.is_empty() {
        blocks.push(rest.to_owned());
    }
    (heading, blocks.join("\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_do_not_count_as_words_and_joined_words_count_once() {
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("# Our story\n\nWe bake *every* morning."), 6);
        assert_eq!(word_count("- one\n- two\n- three"), 3);
        assert_eq!(word_count("[Read more](https://example.com/a-long-path) now"), 3);
        assert_eq!(word_count("l'atelier, well-known — un*believ*able"), 3);
        assert_eq!(word_count("Prix : 12,50 €"), 3);
    }

    #[test]
    fn raw_html_and_script_links_are_shown_as_text() {
        let html = to_html("<script>alert(1)</script>\n\nHello <b>x</b> [click](javascript:alert(1)) ![a](x.png)");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(
            to_html("**bold** [site](https://a.example)")
                .contains(r#"<strong>bold</strong> <a href="https://a.example">site</a>"#)
        );
    }

    #[test]
    fn a_section_text_takes_the_opening_heading_and_plain_paragraphs() {
        let (heading, body) =
            to_section_text("# Our story\n\nWe bake *every*\nmorning.\n\n- bread\n- cakes\n\n## Later\n\nMore.");
        assert_eq!(heading.as_deref(), Some("Our story"));
        assert_eq!(body, "We bake every morning.\n\n• bread\n• cakes\n\nLater\n\nMore.");
        let (heading, body) = to_section_text("Just text.");
        assert_eq!((heading, body.as_str()), (None, "Just text."));
    }
}
