//! Writers and staff accounts: the superadmin manages them all; a website's admin creates
//! writers, editors and support for their website, assigns writers from the shared pool to
//! it, and sets writer levels. Every change is in the audit log of the websites it touches.

use atelier_db::orders as order_db;
use atelier_db::staff::{self as staff_db, MemberRow};
use atelier_db::users::{self, NewUser};
use atelier_domain::HostScope;
use atelier_types::permissions::Permission;
use atelier_types::staff::{Member, MemberUpdate, NewMember};
use atelier_types::validation::{Validate, normalize_email};
use atelier_types::{FieldError, Role};
use secrecy::SecretString;
use serde_json::json;
use uuid::Uuid;

use crate::audit::Target;
use crate::staff::{Staff, staff};
use crate::{App, AppError, AppResult, Caller, Kind};

/// The roles an admin may give: the superadmin gives any staff role.
const ADMIN_GIVES: &[Role] = &[Role::Writer, Role::Editor, Role::Support];

fn member_of(row: &MemberRow) -> Member {
    Member {
        id: row.id,
        email: row.email.clone(),
        display_name: row.display_name.clone(),
        role: row.role,
        writer_level: row.writer_level,
        active: row.active,
        websites: row.websites.clone(),
    }
}

fn member_not_found() -> AppError {
    AppError::not_found("member_not_found", "There is no writer or staff member with this id that you manage.")
}

/// Whether the caller manages this member: the superadmin everyone; an admin writers (the
/// shared pool) and the editors and support of their websites. Editors see (to assign
/// orders) the writers of their websites.
fn manages(who: &Staff, m: &MemberRow) -> bool {
    match who.role() {
        Role::Superadmin => true,
        Role::Editor => m.role == Role::Writer && m.websites.iter().any(|w| who.sees(*w)),
        Role::Admin => {
            m.role == Role::Writer
                || (matches!(m.role, Role::Editor | Role::Support) && m.websites.iter().any(|w| who.sees(*w)))
        }
        _ => false,
    }
}

/// Writers and staff the caller manages (an editor: the writers of their websites, to
/// assign orders), by role then name.
pub async fn team(app: &App, user: &Caller) -> AppResult<Vec<Member>> {
    let who = staff(app, user).await?;
    who.may(Permission::Review, "see writers and staff")?;
    let mut tx = app.db.begin(who.scope()).await?;
    let rows = staff_db::members(&mut tx).await?;
    tx.commit().await?;
    Ok(rows.iter().filter(|m| manages(&who, m)).map(member_of).collect())
}

/// A new writer or staff account, assigned to websites of the caller's.
pub async fn add_member(app: &App, user: &Caller, body: NewMember) -> AppResult<Member> {
    let who = staff(app, user).await?;
    who.may(Permission::ManageWebsite, "manage writers and staff")?;
    let errors = body.validate();
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    let is_super = who.role() == Role::Superadmin;
    let may_give = is_super || ADMIN_GIVES.contains(&body.role);
    // An admin's new colleague works for one of their websites (else they could not see them).
    if !may_give || body.websites.iter().any(|w| !who.sees(*w)) || (!is_super && body.websites.is_empty()) {
        return Err(AppError::new(
            Kind::Forbidden,
            "not_your_role",
            "You may create writers, editors and support for (at least one of) your own websites.",
        ));
    }
    let hash = app.hash_password(SecretString::from(body.password.clone())).await?;
    let email = normalize_email(&body.email);
    let mut tx = app.db.begin(who.scope()).await?;
    let new = NewUser {
        website_id: None,
        role: body.role,
        email: &email,
        display_name: body.display_name.trim(),
        password_hash: &hash,
        verified: true,
    };
    let created = users::insert(&mut tx, &new).await?;
    if body.role == Role::Writer {
        order_db::set_writer_level(&mut tx, created.id, body.writer_level.unwrap_or(1)).await?;
    }
    let row = staff_db::member(&mut tx, created.id).await?.ok_or_else(member_not_found)?;
    staff_db::set_assignments(&mut tx, &row, &body.websites, who.websites()).await?;
    let row = staff_db::member(&mut tx, created.id).await?.ok_or_else(member_not_found)?;
    let after =
        json!({ "email": row.email, "role": row.role, "writer_level": row.writer_level, "websites": row.websites });
    for website in &row.websites {
        who.audit(&mut tx, *website, "member.create", Target::new("member", row.id), None, Some(after.clone())).await?;
    }
    tx.commit().await?;
    Ok(member_of(&row))
}

/// Sets a member's writer level and websites (an admin: only their own websites change), and
/// whether the account may sign in (the superadmin; a deactivated account's sessions end).
pub async fn update_member(app: &App, user: &Caller, id: Uuid, body: MemberUpdate) -> AppResult<Member> {
    let who = staff(app, user).await?;
    who.may(Permission::ManageWebsite, "manage writers and staff")?;
    let mut tx = app.db.begin(who.scope()).await?;
    let before = staff_db::member(&mut tx, id).await?.filter(|m| manages(&who, m)).ok_or_else(member_not_found)?;
    let role = before.role;
    let mut errors = Vec::new();
    if let Some(level) = body.writer_level {
        if role != Role::Writer {
            errors.push(FieldError::new("writer_level", "not_a_writer", "Only writers have a level."));
        } else if !(1..=5).contains(&level) {
            errors.push(FieldError::new("writer_level", "out_of_range", "Writer levels go from 1 to 5."));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    if body.active != before.active && who.role() != Role::Superadmin {
        return Err(AppError::new(Kind::Forbidden, "not_your_role", "Only the superadmin turns accounts on or off."));
    }
    if body.websites.iter().any(|w| !who.sees(*w)) {
        return Err(AppError::new(Kind::Forbidden, "not_your_role", "You assign people to your own websites only."));
    }
    // A writer's level counts on every website they work for: an admin sets it only for a
    // writer who works (or will work) for one of theirs.
    let level_changes = body.writer_level.is_some_and(|l| Some(l) != before.writer_level);
    let theirs = before.websites.iter().chain(&body.websites).any(|w| who.sees(*w));
    if level_changes && who.role() != Role::Superadmin && !theirs {
        return Err(AppError::new(
            Kind::Forbidden,
            "not_your_role",
            "Assign the writer to one of your websites to set their level there.",
        ));
    }
    staff_db::set_member(&mut tx, before.id, body.writer_level, body.active).await?;
    staff_db::set_assignments(&mut tx, &before, &body.websites, who.websites()).await?;
    let after = staff_db::member(&mut tx, before.id).await?.ok_or_else(member_not_found)?;
    let snapshot =
        |m: &MemberRow| json!({ "writer_level": m.writer_level, "active": m.active, "websites": m.websites });
    let touched: Vec<Uuid> = before.websites.iter().chain(&after.websites).copied().filter(|w| who.sees(*w)).collect();
    let mut seen = std::collections::HashSet::new();
    for website in touched.into_iter().filter(|w| seen.insert(*w)) {
        who.audit(
            &mut tx,
            website,
            "member.update",
            Target::new("member", after.id),
            Some(snapshot(&before)),
            Some(snapshot(&after)),
        )
        .await?;
    }
    tx.commit().await?;
    app.active.forget(after.id);
    Ok(member_of(&after))
}

/// Lifts the sign-in pause that failed attempts put on a writer's or staff member's account
/// (whoever manages them may): the owner can try again at once, on any platform host.
pub async fn unlock_member(app: &App, user: &Caller, id: Uuid) -> AppResult<()> {
    let who = staff(app, user).await?;
    who.may(Permission::ManageWebsite, "manage writers and staff")?;
    let mut tx = app.db.begin(who.scope()).await?;
    let member = staff_db::member(&mut tx, id).await?.filter(|m| manages(&who, m)).ok_or_else(member_not_found)?;
    // The pause first: the log says "unlocked" only once it is true.
    for scope in [HostScope::Writers, HostScope::Staff, HostScope::Api] {
        app.clear_login_failures(&app.keys.login_account(&scope.audience(), &member.email)).await?;
    }
    let mut seen = std::collections::HashSet::new();
    for website in member.websites.iter().copied().filter(|w| who.sees(*w) && seen.insert(*w)) {
        who.audit(&mut tx, website, "member.unlock", Target::new("member", member.id), None, None).await?;
    }
    tx.commit().await?;
    Ok(())
}
