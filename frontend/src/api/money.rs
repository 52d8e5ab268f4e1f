//! Writers' earnings and payouts, and the staff's payout decisions.

use atelier_types::orders::{Earnings, NewPayout, Payout, PayoutDecision};
use uuid::Uuid;

use super::{Call, get, post};

pub fn get_earnings() -> Call<Earnings> {
    get("/api/v1/earnings")
}

pub fn list_payouts() -> Call<Vec<Payout>> {
    get("/api/v1/payouts")
}

pub fn request_payout(request: &NewPayout) -> Call<Payout> {
    post("/api/v1/payouts", request)
}

pub fn decide_payout(id: Uuid, decision: &PayoutDecision) -> Call<Payout> {
    post(format!("/api/v1/payouts/{id}/decision"), decision)
}
