//! Money rules of billing, without I/O: an invoice's totals from its lines, a discount,
//! redeemed points and the tenant's VAT; proration of an upgrade; invoice references; the
//! free plan every tenant starts with.
//!
//! **Amounts** are `i64` minor units of one currency. **Rates** are basis points
//! (`2000` = 20.00 %). **The rounding rule**: every division rounds half up (away from zero
//! for the non-negative amounts billing deals in), once, at the step that divides; no
//! intermediate result is rounded. VAT is computed once per invoice on its net (the lines,
//! less the discount, less the points), not per line.

use atelier_types::billing::{Limits, PromoKind};

/// Integer division rounding half up, for `n >= 0`, `d > 0`.
pub fn div_round(n: i128, d: i128) -> i64 {
    debug_assert!(n >= 0 && d > 0);
    let q = (2 * n + d) / (2 * d);
    i64::try_from(q).unwrap_or(i64::MAX)
}

/// An invoice's amounts, every one of them `>= 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    /// The sum of the lines.
    pub subtotal: i64,
    /// The discount applied (never more than the subtotal).
    pub discount: i64,
    /// Points redeemed, as money (never more than what the discount left).
    pub points: i64,
    /// The VAT in the total.
    pub tax: i64,
    /// What the client pays.
    pub total: i64,
}

/// The totals of an invoice whose lines sum to `subtotal`.
///
/// `discount` and `points` are what was asked; each is capped by what is left to pay, so
/// neither can make an amount negative. With `inclusive` (the tenant's prices include VAT)
/// the net is the total and the VAT is the part of it above `net / (1 + rate)`; otherwise
/// the VAT is added on top of the net.
pub fn totals(subtotal: i64, discount: i64, points: i64, vat_rate_bp: i32, inclusive: bool) -> Totals {
    let subtotal = subtotal.max(0);
    let discount = discount.clamp(0, subtotal);
    let points = points.clamp(0, subtotal - discount);
    let net = subtotal - discount - points;
    let rate = i128::from(vat_rate_bp.clamp(0, 10_000));
    let (tax, total) = if inclusive {
        let before_tax = div_round(i128::from(net) * 10_000, 10_000 + rate);
        (net - before_tax, net)
    } else {
        let tax = div_round(i128::from(net) * rate, 10_000);
        (tax, net + tax)
    };
    Totals { subtotal, discount, points, tax, total }
}

/// A line's amount: `quantity × unit`.
pub fn line_amount(quantity: i32, unit_minor: i64) -> i64 {
    i64::from(quantity.max(0)).saturating_mul(unit_minor.max(0))
}

/// What an upgrade costs for the rest of the period: the difference of the monthly prices
/// times the share of the period left (whole seconds), rounded half up. A downgrade costs
/// nothing now (it waits for the period's end), nor does a change once the period is over.
pub fn prorated(from_price: i64, to_price: i64, remaining_secs: i64, period_secs: i64) -> i64 {
    let diff = to_price - from_price;
    if diff <= 0 || remaining_secs <= 0 || period_secs <= 0 {
        return 0;
    }
    let remaining = remaining_secs.min(period_secs);
    div_round(i128::from(diff) * i128::from(remaining), i128::from(period_secs))
}

/// What a promo code takes off a subtotal: a percentage (basis points, rounded half up) or
/// a fixed amount, never more than the subtotal.
pub fn promo_discount(kind: PromoKind, value: i64, subtotal: i64) -> i64 {
    let subtotal = subtotal.max(0);
    let off = match kind {
        PromoKind::Percent => div_round(i128::from(subtotal) * i128::from(value.clamp(0, 10_000)), 10_000),
        PromoKind::Fixed => value.max(0),
    };
    off.min(subtotal)
}

/// Loyalty points earned on `paid_minor`: `per_unit` points per whole 1.00 (100 minor
/// units), rounded down (a point is never given for a part of a unit).
pub fn points_earned(paid_minor: i64, per_unit: i32) -> i64 {
    if paid_minor <= 0 || per_unit <= 0 {
        return 0;
    }
    (paid_minor / 100).saturating_mul(i64::from(per_unit))
}

/// The points a refund of `refunded` out of `total` takes back of the `earned` ones, in
/// proportion, rounded half up.
pub fn points_reversed(earned: i64, refunded: i64, total: i64) -> i64 {
    if earned <= 0 || refunded <= 0 || total <= 0 {
        return 0;
    }
    div_round(i128::from(earned) * i128::from(refunded.min(total)), i128::from(total))
}

/// `INV-2026-000042`: the tenant's prefix, the year of issue, the number.
pub fn reference(prefix: &str, year: i32, number: i32) -> String {
    format!("{prefix}-{year}-{number:06}")
}

/// The limits of the free plan every tenant starts with, which new clients get: enough to
/// build and publish a few sites, not enough for one account to fill the machine (10 sites,
/// 3 published at once, 100 deployments and 1,000 generated sections a month, 250 MB of
/// files, no custom domain).
pub const FREE_PLAN: Limits = Limits {
    sites: Some(10),
    live_sites: Some(3),
    deployments_per_month: Some(100),
    storage_bytes: Some(250 * 1024 * 1024),
    custom_domains: Some(0),
    generated_per_month: Some(1000),
};

/// Formats minor units for people: `1234` → `12.34` (two decimals; currencies without
/// minor units are not supported yet).
pub fn format_minor(amount: i64) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    let abs = amount.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn rounding_is_half_up() {
        assert_eq!(div_round(5, 10), 1);
        assert_eq!(div_round(4, 10), 0);
        assert_eq!(div_round(15, 10), 2);
        assert_eq!(div_round(25, 10), 3);
        assert_eq!(div_round(0, 7), 0);
    }

    #[test]
    fn vat_on_top_and_included() {
        // 19.99 at 20 %: 4.00 of VAT on top (3.998 rounds up).
        assert_eq!(
            totals(1999, 0, 0, 2000, false),
            Totals { subtotal: 1999, discount: 0, points: 0, tax: 400, total: 2399 }
        );
        // 23.99 with 20 % included: 19.99 before tax, 4.00 of VAT.
        assert_eq!(totals(2399, 0, 0, 2000, true).tax, 400);
        assert_eq!(totals(2399, 0, 0, 2000, true).total, 2399);
        // A discount larger than the price takes it to zero, points then have nothing left.
        assert_eq!(
            totals(1000, 5000, 300, 2000, false),
            Totals { subtotal: 1000, discount: 1000, points: 0, tax: 0, total: 0 }
        );
    }

    #[test]
    fn upgrade_costs_the_rest_of_the_period() {
        // Half a 30-day month left, from 10.00 to 30.00: 10.00.
        assert_eq!(prorated(1000, 3000, 15 * 86_400, 30 * 86_400), 1000);
        assert_eq!(prorated(3000, 1000, 15 * 86_400, 30 * 86_400), 0);
        assert_eq!(prorated(1000, 3000, -5, 30 * 86_400), 0);
        assert_eq!(reference("INV", 2026, 42), "INV-2026-000042");
        assert_eq!(format_minor(-1234), "-12.34");
        assert_eq!(format_minor(5), "0.05");
    }

    #[test]
    fn promo_codes_and_points() {
        // 15 % of 19.99 is 2.9985: 3.00 off.
        assert_eq!(promo_discount(PromoKind::Percent, 1500, 1999), 300);
        assert_eq!(promo_discount(PromoKind::Fixed, 5000, 1999), 1999);
        assert_eq!(promo_discount(PromoKind::Percent, 10_000, 1999), 1999);
        // One point per 1.00: 28.80 earns 28, not 29.
        assert_eq!(points_earned(2880, 1), 28);
        assert_eq!(points_earned(99, 1), 0);
        assert_eq!(points_earned(2880, 0), 0);
        // Three a unit: 0.50 earns nothing, 1.99 earns three.
        assert_eq!(points_earned(50, 3), 0);
        assert_eq!(points_earned(199, 3), 3);
        // Half the invoice refunded takes back half its points.
        assert_eq!(points_reversed(28, 1440, 2880), 14);
        assert_eq!(points_reversed(28, 9999, 2880), 28);
    }

    proptest! {
        #[test]
        fn totals_hold(
            lines in proptest::collection::vec((1i32..1000, 0i64..1_000_000), 0..20),
            discount in -1_000_000i64..100_000_000,
            points in -1_000_000i64..100_000_000,
            rate in 0i32..=10_000,
            inclusive: bool,
        ) {
            let subtotal: i64 = lines.iter().map(|&(q, u)| line_amount(q, u)).sum();
            let t = totals(subtotal, discount, points, rate, inclusive);
            // The subtotal is the sum of the lines; nothing is negative.
            prop_assert_eq!(t.subtotal, subtotal);
            prop_assert!(t.discount >= 0 && t.points >= 0 && t.tax >= 0 && t.total >= 0);
            prop_assert!(t.discount + t.points <= t.subtotal);
            let net = t.subtotal - t.discount - t.points;
            // The total is the net plus the VAT on top, or the net itself with VAT inside.
            if inclusive {
                prop_assert_eq!(t.total, net);
                prop_assert!(t.tax <= net);
            } else {
                prop_assert_eq!(t.total, net + t.tax);
            }
            // The VAT is the exact rational amount rounded half up: within half a minor unit.
            let exact_num = if inclusive {
                // tax = net - net / (1 + r): exact value net * r / (10000 + r)
                (i128::from(net) * i128::from(rate), 10_000 + i128::from(rate))
            } else {
                (i128::from(net) * i128::from(rate), 10_000)
            };
            let diff = (i128::from(t.tax) * exact_num.1 - exact_num.0).abs();
            prop_assert!(2 * diff <= exact_num.1, "tax {} too far from {}/{}", t.tax, exact_num.0, exact_num.1);
        }

        #[test]
        fn a_promo_code_and_points_never_make_an_invoice_negative(
            lines in proptest::collection::vec((1i32..20, 0i64..1_000_000), 1..10),
            percent: bool,
            value in 1i64..100_000_000,
            points in 0i64..10_000_000,
            point_value in 1i64..10_000,
            rate in 0i32..=10_000,
            inclusive: bool,
        ) {
            let subtotal: i64 = lines.iter().map(|&(q, u)| line_amount(q, u)).sum();
            let kind = if percent { PromoKind::Percent } else { PromoKind::Fixed };
            let discount = promo_discount(kind, if percent { value % 10_000 + 1 } else { value }, subtotal);
            prop_assert!((0..=subtotal).contains(&discount));
            // As `redeem` spends points: only as many as fit what the discount left.
            let room = (subtotal - discount) / point_value;
            let spent = points.min(room);
            let t = totals(subtotal, discount, spent * point_value, rate, inclusive);
            prop_assert_eq!(t.discount, discount);
            prop_assert_eq!(t.points, spent * point_value);
            prop_assert!(t.total >= 0 && t.tax >= 0);
            prop_assert!(t.discount + t.points <= t.subtotal);
        }

        #[test]
        fn proration_never_exceeds_the_difference(
            from in 0i64..1_000_000, to in 0i64..1_000_000, remaining in -100i64..5_000_000, period in 1i64..3_000_000,
        ) {
            let p = prorated(from, to, remaining, period);
            prop_assert!(p >= 0);
            prop_assert!(p <= (to - from).max(0));
        }
    }
}
