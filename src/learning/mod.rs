//! Learning together beyond one mentorship: lectures and trainings (`lectures/`), peer groups
//! (`groups/`) and the calendar both feed (`calendar/`: the .ics writer, each person's secret
//! feed of her lectures and her groups' meetings).
pub mod calendar;
pub mod groups;
pub mod lectures;
