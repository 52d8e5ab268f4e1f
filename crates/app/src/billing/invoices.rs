//! Invoices and what moves money: issuing (gapless numbers, totals by
//! `atelier_domain::billing`), paying through a provider (one trait: `manual` transfer,
//! `balance`, `card`), settling (which opens a placed order), refunds as credit notes, the
//! prepaid balance, and the printable documents (HTML and PDF).

use atelier_db::billing::{self as db, InvoiceRow, NewBalanceEntry, NewCreditNote, NewInvoice, PaymentRow};
use atelier_db::orders::{self, OrderRow};
use atelier_db::{Tx, sites::Owner};
use atelier_domain::billing::{format_minor, reference, totals};
use atelier_domain::orders::{Actor, OrderEvent, OrderState};
use atelier_types::billing::{
    Balance, BalanceAdjustment, BalanceEntry, CreditNote, Invoice, InvoiceKind, InvoiceLine, InvoiceStatus, PayRequest,
    Payment, PaymentProvider, PaymentStarted, PaymentStatus, RefundRequest,
};
use atelier_types::permissions::Permission;
use chrono::{Datelike, Utc};
use serde_json::json;
use uuid::Uuid;

use super::{Meter, tenant_billing};
use crate::audit::Target;
use crate::error::validated;
use crate::events::{self, DomainEvent};
use crate::orders::{Mover, Refused, apply_event};
use crate::staff::{Staff, staff};
use crate::{App, AppError, AppResult, Caller, Kind};

pub fn invoice_not_found() -> AppError {
    AppError::not_found("invoice_not_found", "There is no invoice with this id that you can see.")
}

/// A billing period, `[start, end)`.
pub type Period = (chrono::DateTime<Utc>, chrono::DateTime<Utc>);

/// What to bill.
pub struct Issue {
    pub owner: Owner,
    pub kind: InvoiceKind,
    /// `(description, quantity, unit price)`.
    pub lines: Vec<(String, i32, i64)>,
    pub order_id: Option<Uuid>,
    /// `(subscription, plan)` of a plan's invoice.
    pub subscription: Option<(Uuid, Uuid)>,
    /// The content package a period of which it bills.
    pub package_id: Option<Uuid>,
    /// The service an order or a package is of.
    pub service_id: Option<Uuid>,
    /// The period a plan's or a package's invoice covers.
    pub period: Option<Period>,
}

/// Issues an invoice in `tx`: the tenant's next number, its VAT rule, due after its grace
/// days; a zero total is paid on issue. The client is told (a domain event).
pub async fn issue(tx: &mut Tx, what: Issue) -> AppResult<Uuid> {
    let tenant = tenant_billing(tx, what.owner.website_id).await?;
    let subtotal: i64 = what.lines.iter().map(|(_, q, u)| atelier_domain::billing::line_amount(*q, *u)).sum();
    let t = totals(subtotal, 0, 0, tenant.vat_rate_bp, tenant.prices_include_vat);
    let number = db::next_number(tx, what.owner.website_id, false).await?;
    let now = Utc::now();
    let reference = reference(&tenant.invoice_prefix, now.year(), number);
    let id = db::insert_invoice(
        tx,
        &NewInvoice {
            tenant: what.owner.website_id,
            customer: what.owner.user_id,
            number,
            reference: &reference,
            kind: what.kind,
            currency: &tenant.currency,
            subtotal: t.subtotal,
            discount: t.discount,
            points: t.points,
            tax: t.tax,
            total: t.total,
            vat_rate_bp: tenant.vat_rate_bp,
            prices_include_vat: tenant.prices_include_vat,
            order_id: what.order_id,
            subscription_id: what.subscription.map(|s| s.0),
            plan_id: what.subscription.map(|s| s.1),
            period: what.period,
            due_at: now + chrono::Duration::days(i64::from(tenant.grace_days)),
            package_id: what.package_id,
            service_type_id: what.service_id,
            lines: &what.lines,
        },
    )
    .await?;
    let happened = DomainEvent::InvoiceIssued {
        invoice_id: id,
        customer_id: what.owner.user_id,
        reference,
        total_minor: t.total,
        currency: tenant.currency,
    };
    events::record(tx, what.owner.website_id, happened).await?;
    Ok(id)
}

pub fn payment_view(row: &PaymentRow) -> Payment {
    Payment {
        id: row.id,
        invoice_id: row.invoice_id,
        provider: row.provider,
        status: row.status,
        amount_minor: row.amount_minor,
        external_id: row.external_id.clone(),
        created_at: row.created_at,
        settled_at: row.settled_at,
    }
}

/// Invoices as the wire shows them, lines and payments read in two queries for all.
pub async fn present_all(tx: &mut Tx, rows: &[InvoiceRow]) -> AppResult<Vec<Invoice>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let lines = db::lines_of(tx, &ids).await?;
    let payments = db::payments_of(tx, &ids).await?;
    Ok(rows
        .iter()
        .map(|r| Invoice {
            id: r.id,
            number: r.number,
            reference: r.reference.clone(),
            kind: r.kind,
            status: r.status,
            customer_id: r.customer_id,
            customer_name: r.customer_name.clone(),
            currency: r.currency.clone(),
            lines: lines
                .iter()
                .filter(|l| l.invoice_id == r.id)
                .map(|l| InvoiceLine {
                    description: l.description.clone(),
                    quantity: l.quantity,
                    unit_minor: l.unit_minor,
                    amount_minor: l.amount_minor,
                })
                .collect(),
            subtotal_minor: r.subtotal_minor,
            discount_minor: r.discount_minor,
            points_minor: r.points_minor,
            tax_minor: r.tax_minor,
            total_minor: r.total_minor,
            vat_rate_bp: r.vat_rate_bp,
            prices_include_vat: r.prices_include_vat,
            order_id: r.order_id,
            issued_at: r.issued_at,
            due_at: r.due_at,
            paid_at: r.paid_at,
            refunded_minor: r.refunded_minor,
            payments: payments.iter().filter(|p| p.invoice_id == r.id).map(payment_view).collect(),
        })
        .collect())
}

pub async fn present(tx: &mut Tx, id: Uuid) -> AppResult<Invoice> {
    let row = db::invoice(tx, id, false).await?.ok_or_else(invoice_not_found)?;
    Ok(present_all(tx, std::slice::from_ref(&row)).await?.remove(0))
}

/// The client's invoices, newest first.
pub async fn list_invoices(app: &App, user: &Caller) -> AppResult<Vec<Invoice>> {
    let owner = crate::sites::owner(user)?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(owner.user_id)).await?;
    let rows = db::invoices_of(&mut tx, owner.user_id).await?;
    let shown = present_all(&mut tx, &rows).await?;
    tx.commit().await?;
    Ok(shown)
}

/// Who reads an invoice: its client on their website, or staff of its website.
enum Reader {
    Client(Owner),
    Staff(Staff),
}

async fn reader(app: &App, user: &Caller) -> AppResult<(Reader, atelier_db::Scope)> {
    if matches!(user.host.scope, atelier_domain::HostScope::Staff) {
        let who = staff(app, user).await?;
        who.may(Permission::Operate, "see invoices")?;
        let scope = who.scope().clone();
        return Ok((Reader::Staff(who), scope));
    }
    let owner = crate::sites::owner(user)?;
    Ok((Reader::Client(owner), user.host.db_scope().with_user(owner.user_id)))
}

async fn readable(app: &App, user: &Caller, id: Uuid) -> AppResult<(Tx, InvoiceRow)> {
    let (reader, scope) = reader(app, user).await?;
    let mut tx = app.db.begin(&scope).await?;
    let row = db::invoice(&mut tx, id, false).await?.ok_or_else(invoice_not_found)?;
    let sees = match &reader {
        Reader::Client(owner) => row.customer_id == owner.user_id,
        Reader::Staff(who) => who.sees(row.website_id),
    };
    if !sees {
        return Err(invoice_not_found());
    }
    Ok((tx, row))
}

pub async fn get_invoice(app: &App, user: &Caller, id: Uuid) -> AppResult<Invoice> {
    let (mut tx, row) = readable(app, user, id).await?;
    let shown = present_all(&mut tx, std::slice::from_ref(&row)).await?.remove(0);
    tx.commit().await?;
    Ok(shown)
}

/// A printable invoice, branded: `(file name, content type, bytes)`, as HTML or PDF.
pub async fn invoice_document(
    app: &App,
    user: &Caller,
    id: Uuid,
    pdf: bool,
) -> AppResult<(String, &'static str, Vec<u8>)> {
    let (mut tx, row) = readable(app, user, id).await?;
    let invoice = present_all(&mut tx, std::slice::from_ref(&row)).await?.remove(0);
    let tenant = tenant_billing(&mut tx, row.website_id).await?;
    tx.commit().await?;
    let doc = super::document::Document::of(&invoice, &tenant, &row.customer_email);
    Ok(if pdf {
        (format!("{}.pdf", invoice.reference), "application/pdf", doc.pdf())
    } else {
        (format!("{}.html", invoice.reference), "text/html; charset=utf-8", doc.html().into_bytes())
    })
}

/// One way of paying an invoice. `start` is what the client's "pay" does: a transfer waits
/// for staff, the balance pays at once, a card sends the client to the provider's page.
pub trait Provider {
    const KIND: PaymentProvider;
    fn start(
        &self,
        app: &App,
        owner: Owner,
        invoice: Uuid,
    ) -> impl std::future::Future<Output = AppResult<PaymentStarted>> + Send;
}

/// A bank transfer with the invoice's reference; staff confirm it when it arrives.
pub struct Manual;

/// The client's prepaid balance.
pub struct BalancePay;

impl Provider for Manual {
    const KIND: PaymentProvider = PaymentProvider::Manual;

    async fn start(&self, app: &App, owner: Owner, id: Uuid) -> AppResult<PaymentStarted> {
        let mut tx = app.db.begin(&atelier_db::Scope::tenant(owner.website_id).with_user(owner.user_id)).await?;
        let invoice = payable(&mut tx, owner, id).await?;
        let payment = transfer_of(&mut tx, &invoice).await?;
        let tenant = tenant_billing(&mut tx, owner.website_id).await?;
        let to = if tenant.bank_details.trim().is_empty() {
            format!("{} (ask {} for the bank details)", tenant.name, tenant.contact_email)
        } else {
            tenant.bank_details.trim().to_owned()
        };
        let instructions = format!(
            "Transfer {} {} to {to}, with the reference {}. The invoice is marked paid when the transfer arrives.",
            format_minor(invoice.total_minor),
            invoice.currency,
            invoice.reference
        );
        let shown = present(&mut tx, id).await?;
        tx.commit().await?;
        Ok(PaymentStarted {
            payment: payment_view(&payment),
            invoice: shown,
            instructions: Some(instructions),
            checkout_url: None,
        })
    }
}

impl Provider for BalancePay {
    const KIND: PaymentProvider = PaymentProvider::Balance;

    async fn start(&self, app: &App, owner: Owner, id: Uuid) -> AppResult<PaymentStarted> {
        let mut tx = app.db.begin(&atelier_db::Scope::tenant(owner.website_id).with_user(owner.user_id)).await?;
        // The subscription lock: two payments from one balance run one after the other.
        Meter::lock(&mut tx, owner).await?;
        let invoice = payable(&mut tx, owner, id).await?;
        let balance = db::balance(&mut tx, owner.user_id).await?;
        if balance < invoice.total_minor {
            return Err(AppError::conflict(
                "insufficient_balance",
                format!(
                    "Your balance is {} {cur} and the invoice is {} {cur}; top it up or pay another way.",
                    format_minor(balance),
                    format_minor(invoice.total_minor),
                    cur = invoice.currency
                ),
            ));
        }
        db::add_balance(
            &mut tx,
            &NewBalanceEntry {
                tenant: owner.website_id,
                customer: owner.user_id,
                kind: "payment",
                amount_minor: -invoice.total_minor,
                invoice_id: Some(id),
                note: &invoice.reference,
                created_by: Some(owner.user_id),
            },
        )
        .await?;
        let payment = db::insert_payment(&mut tx, &invoice, Self::KIND, PaymentStatus::Succeeded, None, None).await?;
        settle(&mut tx, &invoice).await?;
        let shown = present(&mut tx, id).await?;
        tx.commit().await?;
        super::cycle::restore_if_settled(app, owner).await?;
        Ok(PaymentStarted { payment: payment_view(&payment), invoice: shown, instructions: None, checkout_url: None })
    }
}

/// The invoice's pending transfer (its reference is the invoice's), made when it has none:
/// asking twice shows the same transfer.
async fn transfer_of(tx: &mut Tx, invoice: &InvoiceRow) -> AppResult<PaymentRow> {
    if let Some(p) = db::pending_payment(tx, invoice.id, PaymentProvider::Manual).await? {
        return Ok(p);
    }
    let reference = Some(invoice.reference.as_str());
    Ok(db::insert_payment(tx, invoice, PaymentProvider::Manual, PaymentStatus::Pending, reference, None).await?)
}

/// The client's own open invoice, locked.
pub(super) async fn payable(tx: &mut Tx, owner: Owner, id: Uuid) -> AppResult<InvoiceRow> {
    let invoice =
        db::invoice(tx, id, true).await?.filter(|i| i.customer_id == owner.user_id).ok_or_else(invoice_not_found)?;
    if invoice.status != InvoiceStatus::Open {
        return Err(AppError::conflict(
            "invoice_not_open",
            format!("Invoice {} is {}; there is nothing to pay.", invoice.reference, status_word(invoice.status)),
        ));
    }
    Ok(invoice)
}

fn status_word(status: InvoiceStatus) -> &'static str {
    match status {
        InvoiceStatus::Open => "open",
        InvoiceStatus::Paid => "paid already",
        InvoiceStatus::Void => "void",
    }
}

/// Pays one of the client's open invoices the way they chose.
pub async fn pay_invoice(app: &App, user: &Caller, id: Uuid, body: PayRequest) -> AppResult<PaymentStarted> {
    let owner = crate::sites::owner(user)?;
    match body.provider {
        PaymentProvider::Manual => Manual.start(app, owner, id).await,
        PaymentProvider::Balance => BalancePay.start(app, owner, id).await,
        PaymentProvider::Card => {
            let card = super::card::Card::configured(&app.settings, &user.host.host).ok_or_else(|| {
                AppError::conflict(
                    "card_unavailable",
                    "Card payments are not set up here; pay by bank transfer or from your balance.",
                )
            })?;
            card.start(app, owner, id).await
        }
    }
}

/// Marks a locked open invoice paid, with its other pending payments cancelled, and opens
/// its order. The caller has recorded the payment that settled it.
pub async fn settle(tx: &mut Tx, invoice: &InvoiceRow) -> AppResult<()> {
    if !db::mark_paid(tx, invoice.id).await? {
        return Err(AppError::conflict("invoice_not_open", format!("Invoice {} is paid already.", invoice.reference)));
    }
    db::cancel_pending(tx, invoice.id).await?;
    // What was paid earns points (and a referrer's reward); a package's period opens its orders.
    super::promotions::on_paid(tx, invoice).await?;
    super::packages::open_orders(tx, invoice).await?;
    let order = match invoice.order_id {
        Some(id) => orders::find(tx, id).await?.filter(|o| o.status == OrderState::AwaitingPayment),
        None => None,
    };
    if let Some(order) = order {
        let system = Mover { actor: Actor::System, user: None, level: None, staff: None, note: Some("paid") };
        match apply_event(tx, &system, &order, OrderEvent::ConfirmPayment, None).await {
            Ok(_) => {}
            Err(Refused::Error(e)) => return Err(e),
            Err(Refused::Raced) => return Err(AppError::conflict("order_moved", "The order moved; try again.")),
        }
    }
    let happened = DomainEvent::InvoicePaid {
        invoice_id: invoice.id,
        customer_id: invoice.customer_id,
        reference: invoice.reference.clone(),
        total_minor: invoice.total_minor,
        currency: invoice.currency.clone(),
    };
    events::record(tx, invoice.website_id, happened).await?;
    Ok(())
}

/// Placing an order issues its invoice (in the placing transaction).
pub async fn invoice_order(tx: &mut Tx, order: &OrderRow) -> AppResult<()> {
    let line =
        format!("{} — {} ({} words, {} days)", order.title, order.service_name, order.words, order.turnaround_days);
    let owner = Owner { website_id: order.website_id, user_id: order.client_id };
    issue(
        tx,
        Issue {
            owner,
            kind: InvoiceKind::Order,
            lines: vec![(line, 1, order.price_minor)],
            order_id: Some(order.id),
            subscription: None,
            package_id: None,
            service_id: Some(order.service_type_id),
            period: None,
        },
    )
    .await?;
    Ok(())
}

/// Staff confirmed an order's payment on the order itself: its open invoice is paid by
/// transfer, confirmed by them. (An order placed before billing has no invoice.)
pub async fn settle_order_by_staff(tx: &mut Tx, order: &OrderRow, by: Option<Uuid>) -> AppResult<()> {
    let Some(invoice) = db::invoice_of_order(tx, order.id).await? else { return Ok(()) };
    if invoice.status != InvoiceStatus::Open {
        return Ok(());
    }
    let payment = transfer_of(tx, &invoice).await?;
    db::settle_payment(tx, payment.id, PaymentStatus::Succeeded, by).await?;
    if !db::mark_paid(tx, invoice.id).await? {
        return Ok(());
    }
    db::cancel_pending(tx, invoice.id).await?;
    super::promotions::on_paid(tx, &invoice).await?;
    Ok(())
}

/// A cancelled unpaid order's invoice is void; a refunded (or cancelled after payment) one
/// gets a credit note for what is left, to the client's balance.
pub async fn order_ended(tx: &mut Tx, order: &OrderRow, by: Option<Uuid>) -> AppResult<()> {
    if let Some(package) = order.package_id {
        return package_order_ended(tx, order, package, by).await;
    }
    let Some(invoice) = db::invoice_of_order(tx, order.id).await? else { return Ok(()) };
    match invoice.status {
        InvoiceStatus::Open => void(tx, &invoice).await?,
        InvoiceStatus::Paid if invoice.total_minor > invoice.refunded_minor => {
            let amount = invoice.total_minor - invoice.refunded_minor;
            credit(tx, &invoice, amount, &format!("Order {} refunded", order.title), true, by).await?;
        }
        _ => {}
    }
    Ok(())
}

/// An order a package opened ended before completion: its share of the period's paid
/// invoice (the total over the orders it billed, rounded half up) is credited to the balance.
async fn package_order_ended(tx: &mut Tx, order: &OrderRow, package: Uuid, by: Option<Uuid>) -> AppResult<()> {
    let Some(id) = atelier_db::promotions::package_invoice_of_order(tx, package, order.created_at).await? else {
        return Ok(());
    };
    let Some(invoice) = db::invoice(tx, id, true).await? else { return Ok(()) };
    let billed: i64 = db::lines_of(tx, &[id]).await?.iter().map(|l| i64::from(l.quantity)).sum();
    let share = atelier_domain::billing::div_round(i128::from(invoice.total_minor), i128::from(billed.max(1)))
        .min(invoice.total_minor - invoice.refunded_minor);
    if share > 0 {
        credit(tx, &invoice, share, &format!("Order {} of a package refunded", order.title), true, by).await?;
    }
    Ok(())
}

/// Voids an open invoice: its pending payments cancelled, its promo code's use and the
/// points spent on it given back.
pub async fn void(tx: &mut Tx, invoice: &InvoiceRow) -> AppResult<()> {
    if db::void_invoice(tx, invoice.id).await? {
        db::cancel_pending(tx, invoice.id).await?;
        super::promotions::release(tx, invoice).await?;
    }
    Ok(())
}

/// Writes a credit note of `amount` against a paid invoice (and to the balance, or outside).
pub async fn credit(
    tx: &mut Tx,
    invoice: &InvoiceRow,
    amount: i64,
    reason: &str,
    to_balance: bool,
    by: Option<Uuid>,
) -> AppResult<CreditNote> {
    let number = db::next_number(tx, invoice.website_id, true).await?;
    let cn_ref = reference("CN", Utc::now().year(), number);
    let note = NewCreditNote {
        invoice,
        number,
        reference: &cn_ref,
        amount_minor: amount,
        reason,
        refunded_to: if to_balance { "balance" } else { "external" },
        created_by: by.unwrap_or(invoice.customer_id),
    };
    let row = db::insert_credit_note(tx, &note).await?.ok_or_else(|| {
        AppError::conflict(
            "refund_too_large",
            format!(
                "Invoice {} has {} {} left to refund.",
                invoice.reference,
                format_minor(invoice.total_minor - invoice.refunded_minor),
                invoice.currency
            ),
        )
    })?;
    super::promotions::on_refund(tx, invoice, amount).await?;
    if to_balance {
        db::add_balance(
            tx,
            &NewBalanceEntry {
                tenant: invoice.website_id,
                customer: invoice.customer_id,
                kind: "refund",
                amount_minor: amount,
                invoice_id: Some(invoice.id),
                note: &cn_ref,
                created_by: by,
            },
        )
        .await?;
    }
    Ok(CreditNote {
        id: row.id,
        invoice_id: row.invoice_id,
        reference: row.reference,
        amount_minor: row.amount_minor,
        currency: invoice.currency.clone(),
        reason: row.reason,
        refunded_to: row.refunded_to,
        created_at: row.created_at,
    })
}

/// Staff: the invoices of their websites (`status`: only those), newest first.
pub async fn staff_invoices(
    app: &App,
    user: &Caller,
    website: Option<Uuid>,
    status: Option<InvoiceStatus>,
) -> AppResult<Vec<Invoice>> {
    let who = staff(app, user).await?;
    who.may(Permission::Operate, "see invoices")?;
    let websites = who.narrowed(website)?;
    let mut tx = app.db.begin(who.scope()).await?;
    let mut rows = db::invoices_in_scope(&mut tx, website, status, 200).await?;
    if let Some(ws) = websites {
        rows.retain(|r| ws.contains(&r.website_id));
    }
    let shown = present_all(&mut tx, &rows).await?;
    tx.commit().await?;
    Ok(shown)
}

/// Staff: transfers waiting to be confirmed, oldest first.
pub async fn pending_transfers(app: &App, user: &Caller) -> AppResult<Vec<Payment>> {
    let who = staff(app, user).await?;
    who.may(Permission::ManageMoney, "confirm payments")?;
    let mut tx = app.db.begin(who.scope()).await?;
    let rows = db::pending_payments(&mut tx, PaymentProvider::Manual).await?;
    tx.commit().await?;
    Ok(rows.iter().filter(|p| who.sees(p.website_id)).map(payment_view).collect())
}

fn payment_not_found() -> AppError {
    AppError::not_found("payment_not_found", "There is no payment with this id that you can see.")
}

/// Staff: the transfer arrived. Its invoice is paid (an order opens, a suspended client's
/// sites start again).
pub async fn confirm_payment(app: &App, user: &Caller, id: Uuid) -> AppResult<Invoice> {
    let who = staff(app, user).await?;
    who.may(Permission::ManageMoney, "confirm payments")?;
    let mut tx = app.db.begin(who.scope()).await?;
    let payment = db::payment(&mut tx, id).await?.filter(|p| who.sees(p.website_id)).ok_or_else(payment_not_found)?;
    if payment.status != PaymentStatus::Pending {
        return Err(AppError::conflict(
            "payment_not_pending",
            "This payment is not waiting for confirmation any more.",
        ));
    }
    let invoice = db::invoice(&mut tx, payment.invoice_id, true).await?.ok_or_else(invoice_not_found)?;
    if invoice.status != InvoiceStatus::Open {
        return Err(AppError::conflict(
            "invoice_not_open",
            format!("Invoice {} is {}; there is nothing to confirm.", invoice.reference, status_word(invoice.status)),
        ));
    }
    db::settle_payment(&mut tx, payment.id, PaymentStatus::Succeeded, Some(who.actor().id)).await?;
    settle(&mut tx, &invoice).await?;
    let after = json!({ "invoice": invoice.reference, "amount_minor": payment.amount_minor });
    who.audit(&mut tx, invoice.website_id, "payment.confirm", Target::new("payment", id), None, Some(after)).await?;
    let shown = present(&mut tx, invoice.id).await?;
    tx.commit().await?;
    let owner = Owner { website_id: invoice.website_id, user_id: invoice.customer_id };
    super::cycle::restore_if_settled(app, owner).await?;
    Ok(shown)
}

/// Staff: refunds part or all of a paid invoice as a credit note. The writer's earning of
/// a completed order stays theirs (see `docs/billing.md`).
pub async fn refund_invoice(app: &App, user: &Caller, id: Uuid, body: RefundRequest) -> AppResult<CreditNote> {
    let who = staff(app, user).await?;
    who.may(Permission::ManageMoney, "refund")?;
    validated(&body)?;
    let mut tx = app.db.begin(who.scope()).await?;
    let invoice =
        db::invoice(&mut tx, id, true).await?.filter(|i| who.sees(i.website_id)).ok_or_else(invoice_not_found)?;
    if invoice.status != InvoiceStatus::Paid {
        return Err(AppError::conflict(
            "invoice_not_paid",
            format!("Invoice {} is not paid; only a paid invoice is refunded.", invoice.reference),
        ));
    }
    let note =
        credit(&mut tx, &invoice, body.amount_minor, body.reason.trim(), body.to_balance, Some(who.actor().id)).await?;
    let after = json!({ "credit_note": note.reference, "amount_minor": note.amount_minor, "to": note.refunded_to });
    who.audit(&mut tx, invoice.website_id, "invoice.refund", Target::new("invoice", id), None, Some(after)).await?;
    tx.commit().await?;
    Ok(note)
}

fn balance_entry(row: &db::BalanceRow) -> BalanceEntry {
    BalanceEntry {
        id: row.id,
        kind: row.kind.clone(),
        amount_minor: row.amount_minor,
        invoice_id: row.invoice_id,
        note: row.note.clone(),
        created_at: row.created_at,
    }
}

/// The client's prepaid balance and its ledger.
pub async fn balance(app: &App, user: &Caller) -> AppResult<Balance> {
    let owner = crate::sites::owner(user)?;
    let mut tx = app.db.begin(&user.host.db_scope().with_user(owner.user_id)).await?;
    let shown = balance_in(&mut tx, owner).await?;
    tx.commit().await?;
    Ok(shown)
}

async fn balance_in(tx: &mut Tx, owner: Owner) -> AppResult<Balance> {
    let currency = tenant_billing(tx, owner.website_id).await?.currency;
    Ok(Balance {
        balance_minor: db::balance(tx, owner.user_id).await?,
        currency,
        entries: db::balance_entries(tx, owner.user_id).await?.iter().map(balance_entry).collect(),
    })
}

/// Staff: adds prepaid credit to a client's balance (a top-up paid outside, a gesture), or
/// takes some back (never below zero).
pub async fn adjust_balance(app: &App, user: &Caller, customer: Uuid, body: BalanceAdjustment) -> AppResult<Balance> {
    let who = staff(app, user).await?;
    who.may(Permission::ManageMoney, "change balances")?;
    validated(&body)?;
    let mut tx = app.db.begin(who.scope()).await?;
    let website = atelier_db::users::find_by_id(&mut tx, customer)
        .await?
        .filter(|u| u.role == atelier_types::Role::Client)
        .and_then(|u| u.website_id)
        .filter(|w| who.sees(*w))
        .ok_or_else(|| {
            AppError::not_found("customer_not_found", "There is no customer with this id that you can see.")
        })?;
    let owner = Owner { website_id: website, user_id: customer };
    Meter::lock(&mut tx, owner).await?;
    let now = db::balance(&mut tx, customer).await?;
    if now + body.amount_minor < 0 {
        return Err(AppError::new(
            Kind::Conflict,
            "insufficient_balance",
            format!("The balance is {}; it cannot go below zero.", format_minor(now)),
        ));
    }
    let kind = if body.amount_minor > 0 { "topup" } else { "adjustment" };
    db::add_balance(
        &mut tx,
        &NewBalanceEntry {
            tenant: website,
            customer,
            kind,
            amount_minor: body.amount_minor,
            invoice_id: None,
            note: body.note.trim(),
            created_by: Some(who.actor().id),
        },
    )
    .await?;
    let after = json!({ "amount_minor": body.amount_minor, "note": body.note.trim(), "balance_minor": now + body.amount_minor });
    who.audit(&mut tx, website, "balance.adjust", Target::new("customer", customer), None, Some(after)).await?;
    let shown = balance_in(&mut tx, owner).await?;
    tx.commit().await?;
    Ok(shown)
}
