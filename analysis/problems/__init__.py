"""The problem register. In: the stored problem and plan items. Out: each item's problem (register,
emerging, reviewer's correction), recurring and persistent problems, plan follow-through, evaluation."""
