//! Input rules that run identically in the browser (as you type) and on the server.

use crate::auth::{
    EmailChange, EmailVerificationConfirm, LoginRequest, PasswordChange, PasswordResetConfirm, PasswordResetRequest,
    ProfileUpdate, RegisterRequest,
};
use crate::error::FieldError;

pub const PASSWORD_MIN_CHARS: usize = 10;
/// argon2 has no length limit, but unbounded input is a cheap denial of service.
pub const PASSWORD_MAX_CHARS: usize = 128;
pub const DISPLAY_NAME_MAX_CHARS: usize = 100;
pub const EMAIL_MAX_CHARS: usize = 254;

/// Trims and lower-cases an e-mail address for storage and lookup.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A pragmatic e-mail check: one `@`, a non-empty local part, a dotted domain of
/// letters, digits and hyphens, no spaces. Deliverability is proven by sending, not here.
pub fn is_valid_email(email: &str) -> bool {
    let email = email.trim();
    if email.is_empty() || email.chars().count() > EMAIL_MAX_CHARS || email.contains(char::is_whitespace) {
        return false;
    }
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    if local.is_empty() || domain.contains('@') || local.len() > 64 {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

pub fn check_email(field: &str, email: &str, errors: &mut Vec<FieldError>) {
    if email.trim().is_empty() {
        errors.push(FieldError::new(field, "required", "Enter your e-mail address."));
    } else if !is_valid_email(email) {
        errors.push(FieldError::new(field, "invalid_email", "Enter a valid e-mail address, like name@example.com."));
    }
}

pub fn check_new_password(field: &str, password: &str, errors: &mut Vec<FieldError>) {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        errors.push(FieldError::new(field, "too_short", format!("Use at least {PASSWORD_MIN_CHARS} characters.")));
    } else if chars > PASSWORD_MAX_CHARS {
        errors.push(FieldError::new(field, "too_long", format!("Use at most {PASSWORD_MAX_CHARS} characters.")));
    } else if password.trim().is_empty() {
        errors.push(FieldError::new(field, "blank", "A password cannot be only spaces."));
    }
}

pub fn check_display_name(field: &str, name: &str, errors: &mut Vec<FieldError>) {
    let name = name.trim();
    if name.is_empty() {
        errors.push(FieldError::new(field, "required", "Enter your name."));
    } else if name.chars().count() > DISPLAY_NAME_MAX_CHARS {
        errors.push(FieldError::new(field, "too_long", format!("Use at most {DISPLAY_NAME_MAX_CHARS} characters.")));
    } else if name.chars().any(char::is_control) {
        errors.push(FieldError::new(field, "invalid_characters", "Remove control characters from the name."));
    }
}

/// Something a form can check before sending.
pub trait Validate {
    /// Every problem at once, so a form can mark all fields in one pass.
    fn validate(&self) -> Vec<FieldError>;
}

impl Validate for RegisterRequest {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_email("email", &self.email, &mut errors);
        check_new_password("password", &self.password, &mut errors);
        check_display_name("display_name", &self.display_name, &mut errors);
        errors
    }
}

impl Validate for LoginRequest {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        // Login checks presence only: a stored password may predate today's rules.
        if self.email.trim().is_empty() {
            errors.push(FieldError::new("email", "required", "Enter your e-mail address."));
        }
        if self.password.is_empty() {
            errors.push(FieldError::new("password", "required", "Enter your password."));
        } else if self.password.chars().count() > PASSWORD_MAX_CHARS {
            errors.push(FieldError::new(
                "password",
                "too_long",
                format!("Use at most {PASSWORD_MAX_CHARS} characters."),
            ));
        }
        errors
    }
}

impl Validate for PasswordResetRequest {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_email("email", &self.email, &mut errors);
        errors
    }
}

impl Validate for PasswordResetConfirm {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.token.trim().is_empty() {
            errors.push(FieldError::new("token", "required", "Open the link from the e-mail again."));
        }
        check_new_password("password", &self.password, &mut errors);
        errors
    }
}

impl Validate for EmailVerificationConfirm {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.token.trim().is_empty() {
            errors.push(FieldError::new("token", "required", "Open the link from the e-mail again."));
        }
        if self.password.is_empty() {
            errors.push(FieldError::new("password", "required", "Enter your password."));
        }
        errors
    }
}

impl Validate for ProfileUpdate {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if let Some(name) = &self.display_name {
            check_display_name("display_name", name, &mut errors);
        }
        errors
    }
}

impl Validate for PasswordChange {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.current_password.is_empty() {
            errors.push(FieldError::new("current_password", "required", "Enter your current password."));
        }
        check_new_password("new_password", &self.new_password, &mut errors);
        errors
    }
}

impl Validate for EmailChange {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_email("new_email", &self.new_email, &mut errors);
        if self.current_password.is_empty() {
            errors.push(FieldError::new("current_password", "required", "Enter your current password."));
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses_and_rejects_broken_ones() {
        for ok in ["a@b.co", "jane.doe+tag@example.com", "client@acme.example", "  x@y.org "] {
            assert!(is_valid_email(ok), "{ok} should be valid");
        }
        for bad in ["", "plain", "@example.com", "a@", "a@b", "a@b..com", "a b@c.com", "a@-b.com", "a@b@c.com"] {
            assert!(!is_valid_email(bad), "{bad} should be invalid");
        }
    }

    #[test]
    fn register_reports_every_bad_field_at_once() {
        let req = RegisterRequest {
            email: "nope".into(),
            password: "short".into(),
            display_name: " ".into(),
            referral_code: None,
        };
        let fields: Vec<(String, String)> = req.validate().into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            fields,
            vec![
                ("email".into(), "invalid_email".into()),
                ("password".into(), "too_short".into()),
                ("display_name".into(), "required".into()),
            ]
        );
    }

    #[test]
    fn password_length_counts_characters_not_bytes() {
        let mut errors = Vec::new();
        check_new_password("password", "ééééééééé", &mut errors); // 9 chars, 18 bytes
        assert_eq!(errors.len(), 1);
        errors.clear();
        check_new_password("password", "éééééééééé", &mut errors); // 10 chars
        assert!(errors.is_empty());
    }

    #[test]
    fn emails_are_normalised_for_lookup() {
        assert_eq!(normalize_email("  Jane.Doe@Example.COM "), "jane.doe@example.com");
    }

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("root".parse::<Role>().is_err());
    }

    use crate::auth::Role;
}
