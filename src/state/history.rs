//! Undo and redo: every change of the scenario goes through [`AppState::change`], which keeps the
//! one before it.

use super::*;

impl AppState {
    /// Whether there is a change to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether there is an undone change to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// Moves to `scenario`, remembering the current one for undo.
    pub(super) fn change(mut self, scenario: Scenario) -> AppState {
        if scenario == *self.scenario {
            return self;
        }
        let previous = std::mem::replace(&mut self.scenario, Rc::new(scenario));
        self.past.push(previous);
        if self.past.len() > HISTORY {
            self.past.remove(0);
        }
        self.future.clear();
        self.recompute()
    }

    /// Moves to the current scenario with `edit` applied, remembering the current one for undo.
    pub(super) fn change_with(self, edit: impl FnOnce(&mut Scenario)) -> AppState {
        let mut scenario = (*self.scenario).clone();
        edit(&mut scenario);
        self.change(scenario)
    }

    /// Back to the scenario before the last change; what is left is kept for redo.
    pub(super) fn undo(mut self) -> AppState {
        match self.past.pop() {
            Some(previous) => {
                let current = std::mem::replace(&mut self.scenario, previous);
                self.future.push(current);
                self.drafts = Rc::default();
                self.recompute()
            }
            None => self,
        }
    }

    /// Forward to the scenario last undone.
    pub(super) fn redo(mut self) -> AppState {
        match self.future.pop() {
            Some(next) => {
                let current = std::mem::replace(&mut self.scenario, next);
                self.past.push(current);
                self.drafts = Rc::default();
                self.recompute()
            }
            None => self,
        }
    }
}
