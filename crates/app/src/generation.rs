//! Who writes generated content: the offline generator (the default, no network), or an
//! OpenAI-compatible chat-completions endpoint when `ATELIER_AI_BASE_URL` is set.
//!
//! The layout of a site (pages, section ids and kinds) always comes from the offline
//! generator; the configured one writes the words of each section.

use std::time::Duration;

use atelier_domain::content::{Brief, ContentGenerator, GenerateError, OfflineGenerator, SectionKind};
use atelier_types::site::{Industry, SectionContent, SiteConfig, SiteLanguage};
use futures_util::future::join_all;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};

use crate::config::Settings;

/// The generator this instance uses.
pub enum Generator {
    Offline(OfflineGenerator),
    OpenAi(OpenAiGenerator),
}

impl Generator {
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Generator> {
        Ok(match &settings.ai_base_url {
            None => Generator::Offline(OfflineGenerator),
            Some(base_url) => Generator::OpenAi(OpenAiGenerator::new(
                base_url,
                settings.ai_api_key.clone(),
                &settings.ai_model,
                Duration::from_secs(settings.ai_timeout_secs),
            )?),
        })
    }
}

impl ContentGenerator for Generator {
    fn label(&self) -> String {
        match self {
            Generator::Offline(g) => g.label(),
            Generator::OpenAi(g) => g.label(),
        }
    }

    async fn section(&self, brief: &Brief, kind: SectionKind, seed: u64) -> Result<SectionContent, GenerateError> {
        match self {
            Generator::Offline(g) => ContentGenerator::section(g, brief, kind, seed).await,
            // What a language model writes is held to the fields' limits like the rest.
            Generator::OpenAi(g) => g.section(brief, kind, seed).await.map(atelier_domain::content::fit_section),
        }
    }
}

/// Text written for one section of a new site: where it went and who wrote it.
pub struct Written {
    pub page_slug: String,
    pub section_id: String,
    pub generator: String,
}

/// A new site for `brief`: the offline layout with every section written by `generator`
/// (all sections at once). A section the generator fails on keeps the offline text, so the
/// client always gets a complete site; the failure is logged and the queue names the
/// offline generator as that section's author.
pub async fn write_site(generator: &Generator, brief: &Brief, seed: u64) -> (SiteConfig, Vec<Written>) {
    let mut config = OfflineGenerator.site(brief, seed);
    let slots: Vec<(usize, usize, SectionKind)> = config
        .pages
        .iter()
        .enumerate()
        .flat_map(|(p, page)| {
            page.sections
                .iter()
                .enumerate()
                .filter_map(move |(s, sec)| SectionKind::of(&sec.content).map(|k| (p, s, k)))
        })
        .collect();
    let label = generator.label();
    let results = match generator {
        Generator::Offline(_) => Vec::new(),
        Generator::OpenAi(_) => join_all(slots.iter().map(|&(_, _, kind)| generator.section(brief, kind, seed))).await,
    };
    let mut written = Vec::with_capacity(slots.len());
    for (i, &(p, s, _)) in slots.iter().enumerate() {
        let author = match results.get(i) {
            Some(Ok(content)) => {
                config.pages[p].sections[s].content = content.clone();
                label.clone()
            }
            Some(Err(e)) => {
                tracing::warn!(error = %e, section = %config.pages[p].sections[s].id, "generator failed; offline text kept");
                OfflineGenerator.label()
            }
            None => label.clone(),
        };
        written.push(Written {
            page_slug: config.pages[p].slug.clone(),
            section_id: config.pages[p].sections[s].id.clone(),
            generator: author,
        });
    }
    (config, written)
}

/// reqwest is built without a default TLS provider (the default, aws-lc, needs a C build
/// chain this project does not ask for); ring is ours. Must run before any reqwest client is
/// built in this process; installing twice is harmless.
pub fn install_tls_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// A client of `POST {base}/chat/completions` that asks for one section as a JSON object
/// of exactly the shape the offline generator writes.
pub struct OpenAiGenerator {
    client: reqwest::Client,
    endpoint: String,
    api_key: Option<SecretString>,
    model: String,
}

impl OpenAiGenerator {
    pub fn new(
        base_url: &str,
        api_key: Option<SecretString>,
        model: &str,
        timeout: Duration,
    ) -> anyhow::Result<OpenAiGenerator> {
        install_tls_provider();
        let client = reqwest::Client::builder().timeout(timeout).build()?;
        Ok(OpenAiGenerator {
            client,
            endpoint: format!("{}/chat/completions", base_url.trim_end_matches('/')),
            api_key,
            model: model.to_owned(),
        })
    }

    fn request_body(&self, brief: &Brief, kind: SectionKind, seed: u64) -> Value {
        let example = OfflineGenerator.section(brief, kind, seed);
        let language = match brief.language {
            SiteLanguage::En => "English",
            SiteLanguage::Fr => "French",
        };
        let system = "You write the copy of small-business websites. Answer with one JSON object only, \
                      with exactly the keys and types of the example, the same \"type\" and the same number \
                      of list items. Plain text only: no HTML, no Markdown, no links other than the example's.";
        let user = format!(
            "Business: {name}\nIndustry: {industry}\nAbout it: {about}\nLanguage: {language}\n\
             Write this section. Example of the shape (rewrite every text):\n{example}",
            name = brief.business_name.trim(),
            industry = industry_name(brief.industry),
            about = if brief.description.trim().is_empty() { "-" } else { brief.description.trim() },
            example = serde_json::to_string(&example).unwrap_or_default(),
        );
        json!({
            "model": self.model,
            "messages": [
                { "role": "system", "content": system },
                { "role": "user", "content": user },
            ],
            "temperature": 0.7,
            "seed": seed % (1 << 53),
            "response_format": { "type": "json_object" },
        })
    }
}

fn industry_name(industry: Industry) -> String {
    serde_json::to_value(industry).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

impl ContentGenerator for OpenAiGenerator {
    fn label(&self) -> String {
        format!("openai:{}", self.model)
    }

    async fn section(&self, brief: &Brief, kind: SectionKind, seed: u64) -> Result<SectionContent, GenerateError> {
        let mut request = self.client.post(&self.endpoint).json(&self.request_body(brief, kind, seed));
        if let Some(key) = &self.api_key {
            request = request.bearer_auth(key.expose_secret());
        }
        let response =
            request.send().await.map_err(|e| GenerateError(format!("the AI service is unreachable: {e}")))?;
        let status = response.status();
        if !status.is_success() {
            let text = response.text().await.unwrap_or_default();
            let detail: String = text.chars().take(200).collect();
            return Err(GenerateError(format!("the AI service answered {status}: {detail}")));
        }
        let reply: Value =
            response.json().await.map_err(|e| GenerateError(format!("the AI service sent no JSON: {e}")))?;
        let content = reply
            .pointer("/choices/0/message/content")
            .and_then(Value::as_str)
            .ok_or_else(|| GenerateError("the AI service's answer has no message".into()))?;
        parse_section(content, kind, brief.industry)
    }
}

/// The model's message → the section, refusing anything not of the asked kind.
fn parse_section(message: &str, kind: SectionKind, industry: Industry) -> Result<SectionContent, GenerateError> {
    // Models sometimes wrap JSON in a Markdown fence despite being told not to.
    let trimmed = message.trim();
    let json = trimmed
        .strip_prefix("```json")
        .or_else(|| trimmed.strip_prefix("```"))
        .and_then(|t| t.strip_suffix("```"))
        .unwrap_or(trimmed);
    let content: SectionContent = serde_json::from_str(json.trim()).map_err(|e| {
        GenerateError(format!("the AI service wrote a {} section that does not fit: {e}", industry_name(industry)))
    })?;
    if SectionKind::of(&content) != Some(kind) {
        return Err(GenerateError(format!("the AI service wrote another kind of section than {kind:?}")));
    }
    Ok(content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fenced_or_plain_json_of_the_right_kind_is_accepted_and_anything_else_refused() {
        let text = r#"{"type":"text","heading":"Hi","body":"There"}"#;
        for message in [text.to_owned(), format!("```json\n{text}\n```")] {
            assert!(matches!(
                parse_section(&message, SectionKind::Text, Industry::Law),
                Ok(SectionContent::Text { .. })
            ));
        }
        assert!(parse_section(text, SectionKind::Hero, Industry::Law).is_err());
        assert!(parse_section("Sure! Here is your section.", SectionKind::Text, Industry::Law).is_err());
    }
}
