// Rendering: pictures and charts (see issue 4).
