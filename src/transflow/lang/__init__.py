"""Language facts: identification, lexicons and calendar words of be, ru and en."""
