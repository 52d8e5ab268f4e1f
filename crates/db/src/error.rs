//! Constraint violations → errors a person can act on, in one table.
//!
//! Every named unique and check constraint in `migrations/` has a row here; a test reads
//! the catalog and fails when one is missing, so a new constraint cannot surface as a 500.

use std::fmt;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The input broke a rule the database guards (a duplicate, a bad format).
    #[error("{0}")]
    Violation(Violation),
    #[error(transparent)]
    Sqlx(sqlx::Error),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViolationKind {
    /// Clashes with existing data: HTTP 409.
    Conflict,
    /// The value itself is not acceptable: HTTP 422.
    Invalid,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub constraint: &'static str,
    pub kind: ViolationKind,
    /// Stable snake_case code for the API envelope.
    pub code: &'static str,
    /// The wire field the user should fix.
    pub field: &'static str,
    pub message: &'static str,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.constraint)
    }
}

use ViolationKind::{Conflict, Invalid};

/// (constraint, kind, code, field, message)
pub const KNOWN_CONSTRAINTS: &[(&str, ViolationKind, &str, &str, &str)] = &[
    ("websites_slug_key", Conflict, "slug_taken", "slug", "Another website already uses this slug."),
    (
        "websites_slug_format",
        Invalid,
        "invalid_slug",
        "slug",
        "Use lower-case letters, digits and hyphens (at most 48), starting and ending with a letter or digit.",
    ),
    ("websites_name_length", Invalid, "invalid_name", "name", "Enter a name of 1 to 100 characters."),
    (
        "websites_theme_color_format",
        Invalid,
        "invalid_color",
        "theme_color",
        "Use a colour in #rrggbb form, like #4f46e5.",
    ),
    (
        "websites_currency_format",
        Invalid,
        "invalid_currency",
        "currency",
        "Use a three-letter ISO 4217 currency code, like EUR.",
    ),
    ("website_domains_host_key", Conflict, "domain_taken", "host", "This domain is already attached to a website."),
    (
        "website_domains_host_format",
        Invalid,
        "invalid_domain",
        "host",
        "Use a domain name in lower case without scheme or port, like shop.example.com.",
    ),
    (
        "website_domains_one_primary_key",
        Conflict,
        "primary_domain_exists",
        "is_primary",
        "This website already has a primary domain; unset it first.",
    ),
    (
        "users_client_email_key",
        Conflict,
        "email_taken",
        "email",
        "An account with this e-mail address already exists. Sign in instead, or reset your password.",
    ),
    (
        "users_platform_email_key",
        Conflict,
        "email_taken",
        "email",
        "A platform account with this e-mail address already exists.",
    ),
    (
        "users_role_known",
        Invalid,
        "invalid_role",
        "role",
        "Choose one of: client, writer, editor, support, admin, superadmin.",
    ),
    (
        "users_client_has_tenant",
        Invalid,
        "invalid_role",
        "role",
        "Clients belong to exactly one website; other roles belong to none.",
    ),
    (
        "users_email_lowercase",
        Invalid,
        "invalid_email",
        "email",
        "E-mail addresses are stored trimmed and in lower case.",
    ),
    (
        "users_display_name_length",
        Invalid,
        "invalid_display_name",
        "display_name",
        "Enter a name of 1 to 100 characters.",
    ),
    (
        "writer_websites_pkey",
        Conflict,
        "already_assigned",
        "website_id",
        "This writer is already assigned to that website.",
    ),
    (
        "staff_websites_pkey",
        Conflict,
        "already_assigned",
        "website_id",
        "This staff member is already assigned to that website.",
    ),
    ("sites_slug_key", Conflict, "slug_taken", "slug", "Another site already uses this address. Choose another slug."),
    (
        "sites_slug_format",
        Invalid,
        "invalid_slug",
        "slug",
        "Use lower-case letters, digits and single hyphens (at most 48), like my-bakery.",
    ),
    ("sites_name_length", Invalid, "invalid_name", "name", "Enter a site name of 1 to 80 characters."),
    (
        "sites_status_known",
        Invalid,
        "invalid_status",
        "status",
        "Use one of: draft, queued, deploying, live, failed, stopped.",
    ),
    ("sites_wizard_step_range", Invalid, "invalid_step", "step", "The wizard has steps 1 to 8."),
    (
        "ai_content_status_known",
        Invalid,
        "invalid_status",
        "status",
        "Use one of: pending, approved, rejected, reverted, superseded.",
    ),
    (
        "deployments_number_key",
        Conflict,
        "deployment_race",
        "site_id",
        "Another deployment was asked for at the same moment; try again.",
    ),
    ("deployments_kind_known", Invalid, "invalid_kind", "kind", "Use deploy or rollback."),
    (
        "deployments_status_known",
        Invalid,
        "invalid_status",
        "status",
        "Use one of: queued, running, live, failed, cancelled, timed_out, superseded, rolled_back, retired.",
    ),
    ("deployments_runtime_known", Invalid, "invalid_runtime", "runtime", "Use the process or docker runtime."),
    ("deployments_port_range", Invalid, "invalid_port", "port", "A port is between 1 and 65535."),
    ("deployment_logs_pkey", Conflict, "log_sequence_taken", "seq", "This log line number is already written."),
    ("deployment_logs_level_known", Invalid, "invalid_level", "level", "Use info, warn or error."),
    ("port_leases_pkey", Conflict, "port_taken", "port", "Another instance holds this port."),
    ("port_leases_port_range", Invalid, "invalid_port", "port", "A port is between 1 and 65535."),
    (
        "port_leases_deployment_key",
        Conflict,
        "port_already_leased",
        "deployment_id",
        "This deployment already holds a port.",
    ),
    (
        "users_writer_level_range",
        Invalid,
        "invalid_level",
        "writer_level",
        "Writers have a level from 1 to 5; other roles none.",
    ),
    ("service_types_code_key", Conflict, "code_taken", "code", "This catalogue already has a service with this code."),
    (
        "service_types_price_positive",
        Invalid,
        "invalid_price",
        "price_per_word_minor",
        "The price per word must be positive.",
    ),
    (
        "service_types_words_range",
        Invalid,
        "invalid_words",
        "min_words",
        "Use at least 50 words, a maximum above the minimum, and at most 20000.",
    ),
    ("service_types_level_range", Invalid, "invalid_level", "required_level", "Levels go from 1 to 5."),
    ("orders_status_known", Invalid, "invalid_status", "status", "That is not a state an order can be in."),
    ("orders_title_length", Invalid, "invalid_title", "title", "Enter a title of 1 to 120 characters."),
    ("orders_words_positive", Invalid, "invalid_words", "words", "Order at least one word."),
    ("orders_price_positive", Invalid, "invalid_price", "price_minor", "An order has a price."),
    (
        "orders_writer_when_assigned",
        Invalid,
        "writer_required",
        "writer_id",
        "An order past the open state has a writer.",
    ),
    ("order_events_actor_known", Invalid, "invalid_actor", "actor", "Use client, writer, editor, admin or system."),
    ("websites_auto_accept_days_range", Invalid, "invalid_days", "auto_accept_days", "Auto-accept after 1 to 60 days."),
    ("writer_ledger_kind_known", Invalid, "invalid_kind", "kind", "Use earning, payout or adjustment."),
    ("writer_ledger_order_earning_key", Conflict, "already_credited", "order_id", "This order was already credited."),
    (
        "order_messages_author_role_known",
        Invalid,
        "invalid_role",
        "author_role",
        "Messages come from a client, a writer or staff.",
    ),
    ("order_messages_body_length", Invalid, "invalid_body_length", "body", "Write 1 to 4000 characters."),
    ("order_events_note_length", Invalid, "invalid_note", "note", "Write at most 4000 characters."),
    ("order_texts_kind_known", Invalid, "invalid_kind", "kind", "A text is a draft, a submission or an edit."),
    ("order_texts_author_known", Invalid, "invalid_author", "author", "Texts come from a writer or staff."),
    ("order_texts_body_length", Invalid, "text_too_long", "body", "A text can have at most 100,000 characters."),
    ("order_texts_one_draft", Conflict, "draft_exists", "body", "This order already has a draft; save over it."),
    ("payout_requests_amount_positive", Invalid, "invalid_amount", "amount_minor", "A payout is for more than zero."),
    ("payout_requests_status_known", Invalid, "invalid_status", "status", "Use requested, approved or rejected."),
    ("payout_requests_reason_length", Invalid, "invalid_reason", "reason", "Write at most 1000 characters."),
    (
        "payout_requests_one_open",
        Conflict,
        "payout_pending",
        "website_id",
        "You already asked for a payout from this website; wait for the answer.",
    ),
    ("writer_ledger_payout_key", Conflict, "already_paid", "payout_id", "This payout is already in the ledger."),
    ("order_attachments_name_length", Invalid, "invalid_file_name", "name", "Use a file name of 1 to 200 characters."),
    ("order_attachments_size_range", Invalid, "file_too_large", "file", "Attach files of at most 10 MB."),
    ("audit_log_action_format", Invalid, "invalid_action", "action", "An action is named like `customer.suspend`."),
    ("domain_events_kind_format", Invalid, "invalid_kind", "kind", "An event kind is a snake_case word."),
    ("ai_content_review_note_length", Invalid, "invalid_reason", "reason", "Write at most 1000 characters."),
    ("refresh_tokens_token_hash_key", Conflict, "token_collision", "refresh_token", "Please try again."),
    ("password_resets_token_hash_key", Conflict, "token_collision", "token", "Please try again."),
    ("email_verifications_token_hash_key", Conflict, "token_collision", "token", "Please try again."),
    ("access_tokens_token_hash_key", Conflict, "token_collision", "token", "Please try again."),
    ("access_tokens_name_length", Invalid, "too_long", "name", "Use 1 to 100 characters."),
    (
        "notifications_event_user_key",
        Conflict,
        "already_notified",
        "event_id",
        "This person was already told of this event.",
    ),
    ("notifications_kind_format", Invalid, "invalid_kind", "kind", "A notification kind is a snake_case word."),
    (
        "websites_vat_rate_range",
        Invalid,
        "out_of_range",
        "vat_rate_bp",
        "A VAT rate is 0 to 10000 basis points (100 %).",
    ),
    (
        "websites_invoice_prefix_format",
        Invalid,
        "invalid_prefix",
        "invoice_prefix",
        "Use 1 to 12 capital letters, digits and dashes.",
    ),
    ("websites_grace_days_range", Invalid, "out_of_range", "grace_days", "Give 0 to 90 days to pay."),
    ("plans_code_key", Conflict, "plan_code_taken", "code", "This website already has a plan with this code."),
    ("plans_code_format", Invalid, "invalid_code", "code", "Use 1 to 32 lower-case letters, digits and dashes."),
    ("plans_name_length", Invalid, "invalid_length", "name", "Name the plan in 1 to 60 characters."),
    ("plans_price_range", Invalid, "out_of_range", "price_minor", "The price is 0 to 1,000,000.00 a month."),
    (
        "plans_limits_positive",
        Invalid,
        "out_of_range",
        "limits",
        "A limit is zero or more; leave it empty for no limit.",
    ),
    (
        "plans_default_free",
        Invalid,
        "default_plan_free",
        "price_minor",
        "The plan new clients start on is free and offered.",
    ),
    (
        "plans_one_default_key",
        Conflict,
        "default_plan_exists",
        "is_default",
        "This website already has a default plan.",
    ),
    (
        "subscriptions_customer_key",
        Conflict,
        "already_subscribed",
        "customer_id",
        "This client already has a subscription.",
    ),
    ("subscriptions_status_known", Invalid, "invalid_status", "status", "A subscription is active or suspended."),
    ("subscriptions_period_order", Invalid, "invalid_period", "period_end", "A period ends after it starts."),
    ("usage_records_quota_known", Invalid, "invalid_quota", "quota", "Only per-period quotas are metered."),
    ("usage_records_amount_positive", Invalid, "out_of_range", "amount", "A use is of one or more."),
    ("invoices_number_key", Conflict, "invoice_number_taken", "number", "Please try again."),
    (
        "invoices_kind_known",
        Invalid,
        "invalid_kind",
        "kind",
        "An invoice is for a subscription, an order, a package or a top-up.",
    ),
    ("invoices_status_known", Invalid, "invalid_status", "status", "An invoice is open, paid or void."),
    (
        "invoices_amounts_sane",
        Invalid,
        "invalid_amount",
        "amount_minor",
        "An invoice's amounts are zero or more and add up.",
    ),
    ("invoices_paid_when", Invalid, "invalid_status", "status", "A paid invoice has its payment date, and only it."),
    ("invoices_one_per_order_key", Conflict, "order_invoiced", "order_id", "This order already has its invoice."),
    ("invoice_lines_position_key", Conflict, "duplicate_line", "lines", "Please try again."),
    ("invoice_lines_amount", Invalid, "invalid_amount", "lines", "A line is one or more of a price of zero or more."),
    ("payments_provider_known", Invalid, "invalid_provider", "provider", "Pay by manual transfer, balance or card."),
    ("payments_status_known", Invalid, "invalid_status", "status", "A payment is pending, succeeded or cancelled."),
    ("payments_amount_positive", Invalid, "nothing_to_pay", "amount_minor", "There is nothing to pay on this invoice."),
    ("payments_external_key", Conflict, "payment_exists", "external_id", "This payment is already recorded."),
    (
        "balance_entries_kind_known",
        Invalid,
        "invalid_kind",
        "kind",
        "A balance entry is a top-up, payment, refund, adjustment or referral reward.",
    ),
    ("balance_entries_amount_nonzero", Invalid, "out_of_range", "amount_minor", "An entry moves more than zero."),
    ("credit_notes_number_key", Conflict, "credit_number_taken", "number", "Please try again."),
    ("credit_notes_amount_positive", Invalid, "out_of_range", "amount_minor", "Refund at least 0.01."),
    ("credit_notes_refunded_to_known", Invalid, "invalid_target", "to_balance", "Refund to the balance or outside."),
    ("users_language_known", Invalid, "invalid_language", "language", "Choose English (en) or French (fr)."),
    ("websites_points_rate_range", Invalid, "out_of_range", "points_per_unit", "Earn 0 to 1,000 points per 1.00 paid."),
    (
        "websites_point_value_range",
        Invalid,
        "out_of_range",
        "point_value_minor",
        "A point is worth 1 to 10,000 minor units.",
    ),
    ("websites_points_expiry_range", Invalid, "out_of_range", "points_expire_days", "Points last 1 to 3,650 days."),
    (
        "websites_referral_reward_range",
        Invalid,
        "out_of_range",
        "referral_reward_minor",
        "A referral reward is 0 to 100,000.00, in minor units.",
    ),
    (
        "promo_codes_code_key",
        Conflict,
        "promo_code_taken",
        "code",
        "This website already has a promo code with this code.",
    ),
    (
        "promo_codes_code_format",
        Invalid,
        "invalid_code",
        "code",
        "Use 3 to 32 capital letters, digits, dashes and underscores, starting with a letter or digit.",
    ),
    (
        "promo_codes_kind_known",
        Invalid,
        "invalid_kind",
        "kind",
        "A promo code takes a percentage or a fixed amount off.",
    ),
    (
        "promo_codes_value_range",
        Invalid,
        "out_of_range",
        "value",
        "A percentage is 0.01 to 100 % (1 to 10,000 basis points); a fixed amount 0.01 to 1,000,000.00.",
    ),
    ("promo_codes_window", Invalid, "invalid_window", "ends_at", "A promo code ends after it starts."),
    (
        "promo_codes_limits",
        Invalid,
        "out_of_range",
        "max_redemptions",
        "Allow at least one use in all and per customer.",
    ),
    (
        "promo_redemptions_invoice_key",
        Conflict,
        "promo_already_applied",
        "promo_code",
        "This invoice has a promo code already.",
    ),
    (
        "promo_redemptions_discount_positive",
        Invalid,
        "nothing_to_discount",
        "promo_code",
        "The code takes nothing off this invoice.",
    ),
    (
        "loyalty_entries_kind_known",
        Invalid,
        "invalid_kind",
        "kind",
        "Points are earned, redeemed, returned, expired or reversed.",
    ),
    (
        "loyalty_entries_sign",
        Invalid,
        "out_of_range",
        "points",
        "Points earned are positive and expire; points spent are negative.",
    ),
    ("subscriptions_referral_code_key", Conflict, "referral_code_taken", "referral_code", "Please try again."),
    ("referrals_referee_key", Conflict, "already_referred", "code", "You were referred by someone already."),
    ("referrals_not_self", Invalid, "self_referral", "code", "You cannot refer yourself; this code is your own."),
    ("referrals_status_known", Invalid, "invalid_status", "status", "A referral is pending or credited."),
    ("content_packages_title_length", Invalid, "invalid_length", "title", "Name the package in 1 to 100 characters."),
    (
        "content_packages_per_period_range",
        Invalid,
        "out_of_range",
        "per_period",
        "A package brings 1 to 20 orders a month.",
    ),
    (
        "content_packages_price_positive",
        Invalid,
        "out_of_range",
        "unit_price_minor",
        "A package's orders cost more than zero.",
    ),
    ("content_packages_status_known", Invalid, "invalid_status", "status", "A package is active, paused or cancelled."),
    ("content_packages_period_order", Invalid, "invalid_period", "period_end", "A period ends after it starts."),
    (
        "invoices_one_per_package_period_key",
        Conflict,
        "package_invoiced",
        "package_id",
        "This period of the package is billed already.",
    ),
];

pub fn violation_for(constraint: &str) -> Option<Violation> {
    KNOWN_CONSTRAINTS
        .iter()
        .find(|row| row.0 == constraint)
        .map(|&(constraint, kind, code, field, message)| Violation { constraint, kind, code, field, message })
}

impl DbError {
    /// The error the named constraint raises, for the few rules code sees before the
    /// database does (an `on conflict` arm that filtered the row out, say).
    pub fn constraint(name: &str) -> DbError {
        match violation_for(name) {
            Some(violation) => DbError::Violation(violation),
            None => DbError::Sqlx(sqlx::Error::Protocol(format!("constraint `{name}` is not in KNOWN_CONSTRAINTS"))),
        }
    }
}

impl From<sqlx::Error> for DbError {
    fn from(err: sqlx::Error) -> Self {
        let known = err.as_database_error().and_then(|db| db.constraint()).and_then(violation_for);
        match known {
            Some(violation) => DbError::Violation(violation),
            None => DbError::Sqlx(err),
        }
    }
}
