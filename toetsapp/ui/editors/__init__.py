"""One editor per question type; :func:`toetsapp.ui.editors.factory.editor_for` picks it."""
