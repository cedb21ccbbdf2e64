"""IPython.display: `display` and `clear_output` (Slope's builtins, which call the front end's
hooks) and the rich objects a notebook shows: HTML, Markdown, Latex, Math, SVG, JSON, Pretty.
Each carries its content and the `_repr_*_` method that `display` and a cell's result read."""

display = display
clear_output = clear_output


class DisplayObject:
    def __init__(self, data=None, url=None, filename=None, metadata=None):
        if data is None and filename is not None:
            with open(filename) as f:
                data = f.read()
        if data is None and url is not None:
            raise ValueError("Slope cannot fetch URLs: pass the content as data")
        self.data = data
        self.url = url
        self.filename = filename
        self.metadata = metadata

    def __repr__(self):
        return "<IPython.core.display." + self.__class__.__name__ + " object>"


class HTML(DisplayObject):
    def _repr_html_(self):
        return self.data


class Markdown(DisplayObject):
    def _repr_markdown_(self):
        return self.data


class Latex(DisplayObject):
    def _repr_latex_(self):
        return self.data


class Math(DisplayObject):
    def _repr_latex_(self):
        return "$\\displaystyle " + self.data.strip("$") + "$"


class SVG(DisplayObject):
    # IPython parses the text and keeps its <svg> element, re-serialized; Slope keeps the text.
    def _repr_svg_(self):
        return self.data


class JSON(DisplayObject):
    def _repr_json_(self):
        return self.data


class Pretty(DisplayObject):
    def __repr__(self):
        return self.data


def display_html(*objs, raw=False):
    for o in objs:
        display({"text/html": o} if raw else HTML(o), raw=raw)


def display_markdown(*objs, raw=False):
    for o in objs:
        display({"text/markdown": o} if raw else Markdown(o), raw=raw)
