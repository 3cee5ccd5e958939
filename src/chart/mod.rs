//! Charts: a chart model drawn on any plotters `DrawingBackend`.
