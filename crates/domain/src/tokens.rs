//! What a personal access token may reach: each operation of `/api/v1` belongs to an area
//! (sites, deployments, orders) read or written, or to the person's session alone (signing in,
//! their account, the staff console, earnings). The same rule gates requests and is written
//! into the OpenAPI document.

use atelier_types::auth::TokenScope;

/// What an operation asks of a personal access token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenNeed {
    /// Any token (who am I, which website is this).
    Any,
    Scope(TokenScope),
    /// Only a signed-in session, never a token.
    SessionOnly,
}

/// The need of `method` on `path` (the full path, `/api/v1/…`, with ids or `{id}` in it).
pub fn token_need(method: &str, path: &str) -> TokenNeed {
    let Some(rest) = path.strip_prefix("/api/v1") else { return TokenNeed::SessionOnly };
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let read = method.eq_ignore_ascii_case("GET");
    let pick =
        |reads: TokenScope, writes: TokenScope, is_read: bool| TokenNeed::Scope(if is_read { reads } else { writes });
    use TokenScope::*;
    match segments.as_slice() {
        ["me"] if read => TokenNeed::Any,
        ["tenant"] => TokenNeed::Any,
        // Watching a deployment's log (its ticket is asked with POST) only reads.
        ["deployments", _, "logs", ..] => TokenNeed::Scope(DeploymentsRead),
        ["sites", _, "deployments", ..] | ["sites", _, "stop" | "start"] => {
            pick(DeploymentsRead, DeploymentsWrite, read)
        }
        ["sites", ..] => pick(SitesRead, SitesWrite, read),
        // A quote changes nothing.
        ["orders", "quote"] => TokenNeed::Scope(OrdersRead),
        ["orders", ..] | ["catalogue"] => pick(OrdersRead, OrdersWrite, read),
        _ => TokenNeed::SessionOnly,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_area_is_read_or_written_and_the_rest_needs_a_session() {
        use TokenScope::*;
        let cases = [
            ("GET", "/api/v1/sites", TokenNeed::Scope(SitesRead)),
            ("PATCH", "/api/v1/sites/1/steps/branding", TokenNeed::Scope(SitesWrite)),
            ("POST", "/api/v1/sites/1/deployments", TokenNeed::Scope(DeploymentsWrite)),
            ("GET", "/api/v1/sites/1/deployments/2", TokenNeed::Scope(DeploymentsRead)),
            ("POST", "/api/v1/sites/1/stop", TokenNeed::Scope(DeploymentsWrite)),
            ("POST", "/api/v1/deployments/2/logs/ticket", TokenNeed::Scope(DeploymentsRead)),
            ("POST", "/api/v1/orders/quote", TokenNeed::Scope(OrdersRead)),
            ("POST", "/api/v1/orders/3/transitions", TokenNeed::Scope(OrdersWrite)),
            ("GET", "/api/v1/catalogue", TokenNeed::Scope(OrdersRead)),
            ("GET", "/api/v1/me", TokenNeed::Any),
            ("PATCH", "/api/v1/me", TokenNeed::SessionOnly),
            ("POST", "/api/v1/me/tokens", TokenNeed::SessionOnly),
            ("GET", "/api/v1/customers", TokenNeed::SessionOnly),
            ("POST", "/api/v1/auth/refresh", TokenNeed::SessionOnly),
            ("GET", "/health", TokenNeed::SessionOnly),
        ];
        for (method, path, need) in cases {
            assert_eq!(token_need(method, path), need, "{method} {path}");
        }
        assert!(SitesWrite.covers(SitesRead) && !SitesRead.covers(SitesWrite) && !OrdersWrite.covers(SitesRead));
    }
}
