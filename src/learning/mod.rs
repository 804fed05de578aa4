//! Learning together beyond one mentorship: lectures and trainings (`lectures/`), peer groups
//! (`groups/`) and the calendar both feed (`calendar.rs`: the .ics writer, each person's
//! secret feed).
pub mod calendar;
pub mod lectures;
