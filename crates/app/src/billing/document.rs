//! The printable invoice, in the tenant's name and colour: an HTML page (printed from the
//! browser) and a PDF written by hand (one page of Helvetica text; PDF's own fonts need
//! nothing embedded, so the file stays a few kilobytes).

use atelier_db::billing::TenantBilling;
use atelier_domain::billing::format_minor;
use atelier_types::billing::{Invoice, InvoiceStatus};

pub struct Document<'a> {
    invoice: &'a Invoice,
    tenant: &'a TenantBilling,
    email: &'a str,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

fn rate(bp: i32) -> String {
    if bp % 100 == 0 { format!("{} %", bp / 100) } else { format!("{}.{:02} %", bp / 100, bp % 100) }
}

impl<'a> Document<'a> {
    pub fn of(invoice: &'a Invoice, tenant: &'a TenantBilling, email: &'a str) -> Self {
        Document { invoice, tenant, email }
    }

    fn money(&self, minor: i64) -> String {
        format!("{} {}", format_minor(minor), self.invoice.currency)
    }

    /// `(label, amount)` rows under the lines.
    fn summary(&self) -> Vec<(String, String)> {
        let i = self.invoice;
        let mut rows = vec![("Subtotal".to_owned(), self.money(i.subtotal_minor))];
        if i.discount_minor > 0 {
            rows.push(("Discount".into(), self.money(-i.discount_minor)));
        }
        if i.points_minor > 0 {
            rows.push(("Loyalty points".into(), self.money(-i.points_minor)));
        }
        let vat = if i.prices_include_vat {
            format!("VAT {} (included)", rate(i.vat_rate_bp))
        } else {
            format!("VAT {}", rate(i.vat_rate_bp))
        };
        rows.push((vat, self.money(i.tax_minor)));
        rows.push(("Total".into(), self.money(i.total_minor)));
        if i.refunded_minor > 0 {
            rows.push(("Refunded (credit notes)".into(), self.money(-i.refunded_minor)));
        }
        rows
    }

    fn state(&self) -> String {
        match (self.invoice.status, self.invoice.paid_at) {
            (InvoiceStatus::Paid, Some(at)) => format!("Paid on {}", at.format("%Y-%m-%d")),
            (InvoiceStatus::Void, _) => "Void".into(),
            _ => format!("Due by {}", self.invoice.due_at.format("%Y-%m-%d")),
        }
    }

    pub fn html(&self) -> String {
        let i = self.invoice;
        let t = self.tenant;
        let lines: String = i
            .lines
            .iter()
            .map(|l| {
                format!(
                    "<tr><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td></tr>",
                    esc(&l.description),
                    l.quantity,
                    esc(&self.money(l.unit_minor)),
                    esc(&self.money(l.amount_minor))
                )
            })
            .collect();
        let summary: String = self
            .summary()
            .iter()
            .map(|(k, v)| format!("<tr><th colspan=3>{}</th><td class=n>{}</td></tr>", esc(k), esc(v)))
            .collect();
        let bank = if t.bank_details.trim().is_empty() || i.status != InvoiceStatus::Open {
            String::new()
        } else {
            format!(
                "<p>Pay by transfer to {} with the reference <strong>{}</strong>.</p>",
                esc(t.bank_details.trim()),
                esc(&i.reference)
            )
        };
        format!(
            r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Invoice {reference} — {tenant}</title>
<style>
body {{ font: 15px/1.5 system-ui, sans-serif; color: #1f2937; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }}
header {{ border-top: 8px solid {color}; padding-top: 1rem; display: flex; justify-content: space-between; gap: 1rem; flex-wrap: wrap; }}
h1 {{ margin: 0; font-size: 1.6rem; }}
table {{ width: 100%; border-collapse: collapse; margin-top: 1.5rem; }}
th, td {{ text-align: left; padding: .4rem .5rem; border-bottom: 1px solid #e5e7eb; }}
.n {{ text-align: right; white-space: nowrap; }}
tfoot th {{ text-align: right; font-weight: 600; }}
.state {{ font-weight: 600; }}
@media print {{ body {{ margin: 0; }} }}
</style></head>
<body><main>
<header><div><h1>{tenant}</h1><p>{contact}</p></div>
<div><p>Invoice <strong>{reference}</strong><br>Issued {issued}<br><span class="state">{state}</span></p></div></header>
<p>Billed to {customer} ({email})</p>
<table><caption class="n">Amounts in {currency}</caption>
<thead><tr><th scope="col">Description</th><th scope="col" class=n>Qty</th><th scope="col" class=n>Unit price</th><th scope="col" class=n>Amount</th></tr></thead>
<tbody>{lines}</tbody><tfoot>{summary}</tfoot></table>
{bank}
</main></body></html>
"#,
            reference = esc(&i.reference),
            tenant = esc(&t.name),
            color = esc(&t.theme_color),
            contact = esc(&t.contact_email),
            issued = i.issued_at.format("%Y-%m-%d"),
            state = esc(&self.state()),
            customer = esc(&i.customer_name),
            email = esc(self.email),
            currency = esc(&i.currency),
        )
    }

    /// A one-page PDF 1.4: the tenant's colour band, the same text as the HTML page.
    pub fn pdf(&self) -> Vec<u8> {
        let i = self.invoice;
        let t = self.tenant;
        let (r, g, b) = hex_rgb(&t.theme_color);
        let mut ops = format!("{r:.3} {g:.3} {b:.3} rg 0 806 595 36 re f 0 0 0 rg\n");
        let mut y = 770;
        let text = |ops: &mut String, x: i32, y: i32, size: i32, s: &str| {
            ops.push_str(&format!(
                "BT /F{} {size} Tf {x} {y} Td ({}) Tj ET\n",
                if size > 12 { 2 } else { 1 },
                pdf_str(s)
            ));
        };
        text(&mut ops, 50, y, 20, &t.name);
        text(&mut ops, 360, y, 12, &format!("Invoice {}", i.reference));
        y -= 18;
        text(&mut ops, 50, y, 10, &t.contact_email);
        text(&mut ops, 360, y, 10, &format!("Issued {}", i.issued_at.format("%Y-%m-%d")));
        y -= 14;
        text(&mut ops, 360, y, 10, &self.state());
        y -= 30;
        text(&mut ops, 50, y, 10, &format!("Billed to {} ({})", i.customer_name, self.email));
        y -= 30;
        for (x, h) in [(50, "Description"), (330, "Qty"), (380, "Unit price"), (480, "Amount")] {
            text(&mut ops, x, y, 10, h);
        }
        y -= 6;
        ops.push_str(&format!("50 {y} m 545 {y} l S\n"));
        y -= 16;
        for line in i.lines.iter().take(30) {
            let description: String = line.description.chars().take(52).collect();
            text(&mut ops, 50, y, 10, &description);
            text(&mut ops, 330, y, 10, &line.quantity.to_string());
            text(&mut ops, 380, y, 10, &self.money(line.unit_minor));
            text(&mut ops, 480, y, 10, &self.money(line.amount_minor));
            y -= 16;
        }
        y -= 8;
        for (label, amount) in self.summary() {
            text(&mut ops, 330, y, 10, &label);
            text(&mut ops, 480, y, 10, &amount);
            y -= 16;
        }
        if i.status == InvoiceStatus::Open && !t.bank_details.trim().is_empty() {
            y -= 16;
            let pay: String =
                format!("Pay by transfer to {} with the reference {}.", t.bank_details.trim(), i.reference)
                    .chars()
                    .take(100)
                    .collect();
            text(&mut ops, 50, y, 10, &pay);
        }
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>".to_owned(),
            format!("<< /Length {} >>\nstream\n{ops}endstream", latin1(&ops).len()),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_owned(),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>".to_owned(),
        ];
        let mut out: Vec<u8> = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        for (n, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", n + 1).as_bytes());
            out.extend(latin1(body));
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
        );
        out
    }
}

/// A PDF string literal's inside: `\`, `(` and `)` escaped.
fn pdf_str(s: &str) -> String {
    s.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)")
}

/// Text as WinAnsi bytes: Latin-1 as is, `€` at 0x80, other characters as `?`.
fn latin1(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            '€' => 0x80,
            '—' | '–' => b'-',
            c if (c as u32) < 0x100 && !c.is_control() || c == '\n' => c as u32 as u8,
            _ => b'?',
        })
        .collect()
}

fn hex_rgb(color: &str) -> (f32, f32, f32) {
    let c = color.trim_start_matches('#');
    let part =
        |i: usize| c.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()).map_or(0.3, |v| f32::from(v) / 255.0);
    (part(0), part(2), part(4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_text_is_escaped_and_latin1() {
        assert_eq!(pdf_str("a (b) \\"), "a \\(b\\) \\\\");
        assert_eq!(latin1("é€日"), vec![0xe9, 0x80, b'?']);
        assert_eq!(hex_rgb("#ff0000"), (1.0, 0.0, 0.0));
    }
}
