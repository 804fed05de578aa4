//! Moderation: what administrators decide about texts people wrote for each other. Today the
//! held queue: texts the safeguarding rule (`crate::safeguard`) held for contact details, in
//! every channel but mentorship messages (whose queue is `mentoring::mentorships`); reports,
//! sanctions and appeals come here next.
pub mod api;
pub mod ui;
