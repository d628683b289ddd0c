"""The .pptx renderer: templates (``template``), drawing a planned deck (``deck``, ``parts``),
and the text XML every run and paragraph needs (``text``)."""
