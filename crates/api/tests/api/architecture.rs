//! The layers, checked: HTTP handlers extract, call a use case of `atelier_app` and map
//! the answer. A handler that reached the database itself, or called another route
//! module, would be business logic in the HTTP layer again; the application layer must
//! not know HTTP at all.

use std::path::{Path, PathBuf};

fn crate_dir(name: &str) -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
        .parent()
        .unwrap()
        .join(name)
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// Lines of `path` (comments left out) that contain one of `needles`.
fn offending(path: &Path, needles: &[&str]) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .filter(|(_, line)| needles.iter().any(|n| line.contains(n)))
        .map(|(i, line)| format!("{}:{}: {}", path.display(), i + 1, line.trim()))
        .collect()
}

/// Every file that holds HTTP handlers: the route modules and the live-log WebSocket.
fn handler_files() -> Vec<PathBuf> {
    let api = crate_dir("api").join("src");
    let mut files = rust_files(&api.join("routes"));
    files.push(api.join("live.rs"));
    files
}

#[test]
fn handlers_reach_neither_the_database_nor_each_other() {
    let files = handler_files();
    assert!(files.len() >= 12, "{files:?}");
    let mut problems = Vec::new();
    for file in &files {
        // The router lists every route module: it alone names them.
        let is_router = file.ends_with("routes/mod.rs");
        let mut needles = vec!["atelier_db", "sqlx", ".db.", "state.db", "Scope::"];
        if !is_router {
            needles.extend(["crate::routes", "super::"]);
        }
        problems.extend(offending(file, &needles));
    }
    assert!(
        problems.is_empty(),
        "handlers must call atelier_app, not the database or other routes:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_application_layer_knows_nothing_of_http() {
    let app = crate_dir("app");
    let manifest = std::fs::read_to_string(app.join("Cargo.toml")).unwrap();
    for dependency in ["actix", "atelier-api", "utoipa"] {
        assert!(!manifest.contains(dependency), "atelier-app depends on {dependency}");
    }
    let mut problems = Vec::new();
    for file in rust_files(&app.join("src")) {
        problems.extend(offending(&file, &["actix", "atelier_api", "StatusCode", "HttpResponse"]));
    }
    assert!(problems.is_empty(), "HTTP in the application layer:\n{}", problems.join("\n"));
}

#[test]
fn jobs_and_the_seed_live_below_the_routes() {
    // The worker (order timers) and the seed are part of the application layer, which
    // cannot name a route module: it does not depend on the HTTP crate.
    let app = crate_dir("app").join("src");
    for file in ["worker.rs", "seed.rs"] {
        let path = app.join(file);
        assert!(path.exists(), "{} moved: keep the jobs and the seed in atelier-app", path.display());
        assert!(offending(&path, &["routes::", "atelier_api"]).is_empty(), "{file} reaches the HTTP layer");
    }
    let api = crate_dir("api").join("src");
    assert!(!api.join("worker.rs").exists() && !api.join("seed.rs").exists(), "jobs belong to atelier-app");
}

/// `docs/staff.md` shows who may do what as a table; it must be the permission table the
/// server checks and the staff app's navigation follows (`types::permissions`), row for row.
#[test]
fn the_role_table_in_the_staff_docs_is_the_permission_table() {
    use atelier_types::Role;
    use atelier_types::permissions::{Permission, may};
    let doc = std::fs::read_to_string(crate_dir("..").join("docs/staff.md")).unwrap();
    let mut lines = doc.lines().skip_while(|l| !l.starts_with("| | editor | support | admin | superadmin |"));
    assert!(lines.next().is_some(), "docs/staff.md has no role table");
    let rows: Vec<Vec<String>> = lines
        .skip(1) // the |---| line
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.trim_matches('|').split('|').map(|c| c.trim().to_owned()).collect())
        .collect();
    assert_eq!(rows.len(), Permission::ALL.len(), "one row per permission: {rows:?}");
    let roles = [Role::Editor, Role::Support, Role::Admin, Role::Superadmin];
    for permission in Permission::ALL {
        let row = rows
            .iter()
            .find(|r| r[0] == permission.row())
            .unwrap_or_else(|| panic!("docs/staff.md has no row `{}`", permission.row()));
        for (column, role) in roles.iter().enumerate() {
            let documented = row[column + 1] == "✓";
            assert_eq!(
                documented,
                may(*role, permission),
                "{permission:?} for {role:?}: the docs and the grants differ"
            );
        }
    }
}

/// `/api/v1/sites/{id}/steps/{step}` and `/api/v1/sites/{id}/steps/{}` both → `/api/v1/sites/{}/steps/{}`;
/// a query string is left out.
fn path_shape(path: &str) -> String {
    let path = path.split('?').next().unwrap_or_default();
    let mut shape = String::new();
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                shape.push_str("{}");
            }
            '}' => in_param = false,
            _ if in_param => {}
            _ => shape.push(c),
        }
    }
    shape
}

/// The apps' API functions: (name, method, path shape) of each `pub … fn` in
/// `frontend/src/api/<area>.rs`, read from the helper it calls and the address it names.
fn frontend_api_functions() -> Vec<(String, String, String)> {
    let dir = crate_dir("../frontend/src/api");
    let mut found = Vec::new();
    for file in rust_files(&dir).into_iter().filter(|f| !f.ends_with("mod.rs")) {
        let text = std::fs::read_to_string(&file).unwrap();
        for item in text.split("\npub ").skip(1) {
            let Some(signature) = item.split_once('(').map(|(s, _)| s) else { continue };
            if !signature.contains("fn ") || signature.contains('\n') {
                continue;
            }
            let name = signature.rsplit(' ').next().unwrap().to_owned();
            let body = item.split("\n}\n").next().unwrap();
            let path = body.split('"').find(|s| s.contains("/api/v1/")).map(|s| &s[s.find("/api/v1/").unwrap()..]);
            let path = path.unwrap_or_else(|| panic!("{}: `{name}` names no /api/v1 address", file.display()));
            let calls = |helper: &str| {
                ["&", "\"", "format!", "with_query"].iter().any(|arg| body.contains(&format!("{helper}({arg}")))
            };
            let method = if calls("websocket") || calls("get") || calls("get_text") || calls("download") {
                "GET"
            } else if calls("post") || calls("post_empty") || calls("upload") || body.contains("Request::post(") {
                "POST"
            } else if calls("put") {
                "PUT"
            } else if calls("patch") {
                "PATCH"
            } else if calls("delete") {
                "DELETE"
            } else if body.contains("Request::get(") {
                "GET"
            } else {
                panic!("{}: `{name}` calls no known transport helper", file.display())
            };
            found.push((name, method.to_owned(), path_shape(path)));
        }
    }
    found
}

#[test]
fn each_api_function_of_the_apps_is_the_operation_it_is_named_after() {
    let doc = atelier_api::openapi::document();
    let doc = serde_json::to_value(&doc).unwrap();
    let mut operations = std::collections::HashMap::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap().to_owned();
            operations.insert(id, (method.to_uppercase(), path_shape(path)));
        }
    }
    let functions = frontend_api_functions();
    assert!(functions.len() >= 60, "the apps' API functions were not found: {functions:?}");
    let mut problems = Vec::new();
    for (name, method, path) in &functions {
        match operations.get(name) {
            None => problems.push(format!("`{name}` is no operationId of the document")),
            Some(expected) if expected != &(method.clone(), path.clone()) => {
                problems.push(format!("`{name}` sends {method} {path}; the document has {} {}", expected.0, expected.1))
            }
            Some(_) => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn pages_and_widgets_name_no_api_address() {
    let src = crate_dir("../frontend/src");
    let api = src.join("api");
    let files: Vec<PathBuf> = rust_files(&src).into_iter().filter(|f| !f.starts_with(&api)).collect();
    assert!(files.len() > 30, "{files:?}");
    let problems: Vec<String> = files.iter().flat_map(|f| offending(f, &["/api/v1", "Request::"])).collect();
    assert!(problems.is_empty(), "only `frontend/src/api/` talks to the API:\n{}", problems.join("\n"));
}
