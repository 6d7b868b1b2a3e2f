"""Review rounds between agencies, without Qt: comments, history, differences, merging.

- :mod:`~toetsapp.review.items`: the content of a toets as a flat map of items.
- :mod:`~toetsapp.review.comments`: comments, replies, resolving, section verdicts.
- :mod:`~toetsapp.review.history`: revisions with changed values, history of one
  answer, the version at a signature.
- :mod:`~toetsapp.review.diff`: the differences between two toetsen.
- :mod:`~toetsapp.review.merge`: taking over a returned copy.
- :mod:`~toetsapp.review.formversions`: migrating a toets to a newer form version.
"""
