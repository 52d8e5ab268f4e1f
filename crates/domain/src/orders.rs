//! The life of a content order, as one explicit state machine: which event moves an order
//! from which state to which, and who may cause it. Anything else is refused with the state
//! the order is in (the API answers 409 with it).
//!
//! ```text
//! draft → awaiting_payment → open → assigned → submitted → in_review → delivered → completed
//!                              ↑        │          ↑            │           │  ↘ disputed → resolved
//!                              └─ drop ─┘          └ revision_requested ←───┴─ (client asks)
//! cancelled (before work starts) · refunded (by an admin, once paid)
//! ```

use std::fmt;

pub use atelier_types::orders::{OrderEvent, OrderStatus as OrderState};

/// Who causes a transition. Staff roles map onto editor and admin; `System` is the
/// scheduler (auto-accept) and, later, billing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Actor {
    Client,
    Writer,
    Editor,
    Admin,
    System,
}

impl Actor {
    pub const ALL: [Actor; 5] = [Actor::Client, Actor::Writer, Actor::Editor, Actor::Admin, Actor::System];

    /// The actor a signed-in role acts as; support staff change no order's state.
    pub fn of_role(role: atelier_types::Role) -> Option<Actor> {
        use atelier_types::Role;
        match role {
            Role::Client => Some(Actor::Client),
            Role::Writer => Some(Actor::Writer),
            Role::Editor => Some(Actor::Editor),
            Role::Admin | Role::Superadmin => Some(Actor::Admin),
            Role::Support => None,
        }
    }
}

use Actor::{Admin, Client, Editor, System, Writer};
use OrderState::*;

/// The price of `words` at `price_per_word_minor`, with the turnaround's multiplier, in
/// minor units, rounded up to the next unit.
pub fn quote(words: i32, price_per_word_minor: i32, multiplier_pct: i32) -> i64 {
    let cents = i64::from(words) * i64::from(price_per_word_minor) * i64::from(multiplier_pct);
    (cents + 99) / 100
}

/// How long after claiming an order a writer may still drop it.
pub const DROP_GRACE_MINUTES: i64 = 60;
/// How many times a client may send a delivered text back for revision.
pub const MAX_CLIENT_REVISIONS: i64 = 2;

/// The least a writer may ask to be paid out at once, in minor units of the website's
/// currency (10.00).
pub const PAYOUT_THRESHOLD_MINOR: i64 = 1000;

/// The writer's share of an order's price, in percent.
pub const WRITER_SHARE_PCT: i64 = 60;

/// What the writer earns for a completed order (rounded down: the platform keeps the
/// fraction of a minor unit).
pub fn writer_earning(price_minor: i64) -> i64 {
    price_minor * WRITER_SHARE_PCT / 100
}

/// (event, from, to, who may): the whole machine. An event may leave several states.
const RULES: &[(OrderEvent, &[OrderState], OrderState, &[Actor])] = &[
    (OrderEvent::Place, &[Draft], AwaitingPayment, &[Client]),
    (OrderEvent::ConfirmPayment, &[AwaitingPayment], Open, &[Admin, System]),
    (OrderEvent::Claim, &[Open], Assigned, &[Writer]),
    (OrderEvent::Assign, &[Open], Assigned, &[Editor, Admin]),
    (OrderEvent::Drop, &[Assigned], Open, &[Writer, Admin]),
    (OrderEvent::SubmitText, &[Assigned, RevisionRequested], Submitted, &[Writer]),
    (OrderEvent::StartReview, &[Submitted], InReview, &[Editor, Admin]),
    (OrderEvent::RequestRevision, &[InReview], RevisionRequested, &[Editor, Admin]),
    (OrderEvent::RequestRevision, &[Delivered], RevisionRequested, &[Client]),
    (OrderEvent::Approve, &[InReview], Delivered, &[Editor, Admin]),
    (OrderEvent::Accept, &[Delivered], Completed, &[Client]),
    (OrderEvent::AutoAccept, &[Delivered], Completed, &[System]),
    (OrderEvent::Dispute, &[Delivered], Disputed, &[Client]),
    (OrderEvent::Resolve, &[Disputed], Resolved, &[Admin]),
    (OrderEvent::Cancel, &[Draft, AwaitingPayment], Cancelled, &[Client, Admin]),
    (OrderEvent::Cancel, &[Open], Cancelled, &[Admin]),
    (
        OrderEvent::Refund,
        &[Open, Assigned, Submitted, InReview, RevisionRequested, Delivered, Disputed],
        Refunded,
        &[Admin],
    ),
];

/// Why a transition was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionError {
    /// The event cannot happen in the order's current state (whoever asks).
    NotNow { state: OrderState, event: OrderEvent },
    /// It could, but not by this actor.
    NotYours { state: OrderState, event: OrderEvent, actor: Actor },
}

impl TransitionError {
    /// The state the order is in (for the 409 the API answers).
    pub fn state(self) -> OrderState {
        match self {
            TransitionError::NotNow { state, .. } | TransitionError::NotYours { state, .. } => state,
        }
    }
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransitionError::NotNow { state, event } => {
                write!(f, "an order that is {} cannot be sent {event:?}", state.as_str())
            }
            TransitionError::NotYours { state, event, actor } => {
                write!(f, "{actor:?} may not send {event:?} to an order that is {}", state.as_str())
            }
        }
    }
}

impl std::error::Error for TransitionError {}

/// The state `event`, caused by `actor`, moves an order in `state` to.
pub fn transition(state: OrderState, event: OrderEvent, actor: Actor) -> Result<OrderState, TransitionError> {
    let mut possible = RULES.iter().filter(|(e, from, _, _)| *e == event && from.contains(&state)).peekable();
    if possible.peek().is_none() {
        return Err(TransitionError::NotNow { state, event });
    }
    possible.find(|(_, _, _, who)| who.contains(&actor)).map(|(_, _, to, _)| *to).ok_or(TransitionError::NotYours {
        state,
        event,
        actor,
    })
}

/// The events `actor` may send to an order in `state` (what an app offers as buttons).
pub fn available(state: OrderState, actor: Actor) -> Vec<OrderEvent> {
    OrderEvent::ALL.into_iter().filter(|e| transition(state, *e, actor).is_ok()).collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// The specification, restated independently of `RULES`, one legal move per line:
    /// (from, event, actor, to). Every other combination must be refused.
    const LEGAL: &[(OrderState, OrderEvent, Actor, OrderState)] = &[
        (Draft, OrderEvent::Place, Client, AwaitingPayment),
        (Draft, OrderEvent::Cancel, Client, Cancelled),
        (Draft, OrderEvent::Cancel, Admin, Cancelled),
        (AwaitingPayment, OrderEvent::ConfirmPayment, Admin, Open),
        (AwaitingPayment, OrderEvent::ConfirmPayment, System, Open),
        (AwaitingPayment, OrderEvent::Cancel, Client, Cancelled),
        (AwaitingPayment, OrderEvent::Cancel, Admin, Cancelled),
        (Open, OrderEvent::Claim, Writer, Assigned),
        (Open, OrderEvent::Assign, Editor, Assigned),
        (Open, OrderEvent::Assign, Admin, Assigned),
        (Open, OrderEvent::Cancel, Admin, Cancelled),
        (Open, OrderEvent::Refund, Admin, Refunded),
        (Assigned, OrderEvent::Drop, Writer, Open),
        (Assigned, OrderEvent::Drop, Admin, Open),
        (Assigned, OrderEvent::SubmitText, Writer, Submitted),
        (Assigned, OrderEvent::Refund, Admin, Refunded),
        (Submitted, OrderEvent::StartReview, Editor, InReview),
        (Submitted, OrderEvent::StartReview, Admin, InReview),
        (Submitted, OrderEvent::Refund, Admin, Refunded),
        (InReview, OrderEvent::RequestRevision, Editor, RevisionRequested),
        (InReview, OrderEvent::RequestRevision, Admin, RevisionRequested),
        (InReview, OrderEvent::Approve, Editor, Delivered),
        (InReview, OrderEvent::Approve, Admin, Delivered),
        (InReview, OrderEvent::Refund, Admin, Refunded),
        (RevisionRequested, OrderEvent::SubmitText, Writer, Submitted),
        (RevisionRequested, OrderEvent::Refund, Admin, Refunded),
        (Delivered, OrderEvent::Accept, Client, Completed),
        (Delivered, OrderEvent::AutoAccept, System, Completed),
        (Delivered, OrderEvent::RequestRevision, Client, RevisionRequested),
        (Delivered, OrderEvent::Dispute, Client, Disputed),
        (Delivered, OrderEvent::Refund, Admin, Refunded),
        (Disputed, OrderEvent::Resolve, Admin, Resolved),
        (Disputed, OrderEvent::Refund, Admin, Refunded),
    ];

    #[test]
    fn every_legal_transition_goes_where_the_specification_says_and_everything_else_is_refused() {
        let legal: HashMap<(OrderState, OrderEvent, Actor), OrderState> =
            LEGAL.iter().map(|&(from, event, actor, to)| ((from, event, actor), to)).collect();
        assert_eq!(legal.len(), LEGAL.len(), "the specification lists a move twice");
        let mut checked = 0;
        for state in OrderState::ALL {
            for event in OrderEvent::ALL {
                for actor in Actor::ALL {
                    let got = transition(state, event, actor);
                    match legal.get(&(state, event, actor)) {
                        Some(to) => assert_eq!(got, Ok(*to), "{state:?} --{event:?} by {actor:?}"),
                        None => {
                            let error = got.expect_err(&format!("{state:?} --{event:?} by {actor:?} must be refused"));
                            assert_eq!(error.state(), state, "the refusal names the current state");
                        }
                    }
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 13 * 15 * 5);
    }

    #[test]
    fn quotes_round_up_to_the_next_minor_unit() {
        assert_eq!(quote(300, 8, 100), 2400);
        assert_eq!(quote(300, 8, 135), 3240);
        assert_eq!(quote(101, 7, 175), 1238, "1237.25 rounds up");
    }

    #[test]
    fn a_refusal_says_whether_it_is_the_moment_or_the_person() {
        assert_eq!(
            transition(Completed, OrderEvent::Accept, Client),
            Err(TransitionError::NotNow { state: Completed, event: OrderEvent::Accept })
        );
        assert_eq!(
            transition(Open, OrderEvent::Claim, Client),
            Err(TransitionError::NotYours { state: Open, event: OrderEvent::Claim, actor: Client })
        );
    }

    #[test]
    fn final_states_accept_nothing_and_every_other_state_can_move() {
        for state in OrderState::ALL {
            let any = Actor::ALL.iter().any(|a| !available(state, *a).is_empty());
            assert_eq!(any, !state.is_final(), "{state:?}");
        }
        assert_eq!(
            available(Delivered, Client),
            vec![OrderEvent::RequestRevision, OrderEvent::Accept, OrderEvent::Dispute]
        );
    }
}
