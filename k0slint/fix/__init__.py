"""Apply rule fixes by splicing the original text: nothing outside the edited spans changes."""
