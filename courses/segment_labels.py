"""Translation editor segments labelled by what they are.

wagtail-localize labels a StreamField segment with its block's label and
the label of the block's first-level field only (views/edit_translation.py,
get_segment_location_info), so an option's text and its feedback, two levels
down, both read "Options", and every verdict's feedback reads "Feedback".
`innermost_label` names a segment after the innermost labelled block on its
path instead ("Option text", "Option feedback", 'Feedback for "Scam"',
"Explanation"): with the blocks labelled properly (courses/blocks.py,
quizzes/blocks.py), each segment says what it is. Installed over
wagtail-localize's function when the app is ready (courses/apps.py).
"""

import functools

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail_localize.views import edit_translation


def innermost_label(stream_block, path):
    """The label of the innermost labelled block on `path`, a segment's field
    path below the StreamField: [block type, field, ("item",) field, ...],
    where "item" stands for any item of a list. None for a path that no
    longer matches the blocks."""
    block = stream_block.child_blocks.get(path[0])
    label = None
    for name in path[1:]:
        if isinstance(block, blocks.ListBlock):
            block = block.child_block
        elif isinstance(block, blocks.StructBlock | blocks.StreamBlock):
            block = block.child_blocks.get(name)
        else:
            return None
        if block is None:
            return None
        label = block.label or label
    return label


def with_innermost_labels(get_segment_location_info):
    """wagtail-localize's get_segment_location_info, naming a segment nested
    more than one level inside a block after its innermost labelled block,
    with that block's help text."""

    @functools.wraps(get_segment_location_info)
    def labelled(source_instance, tab_helper, content_path, field_path, widget=False):
        info = get_segment_location_info(source_instance, tab_helper, content_path, field_path, widget=widget)
        components = field_path.split(".")
        if len(components) <= 3:
            return info  # wagtail-localize's own label is already the field's
        field = source_instance._meta.get_field(components[0])
        if isinstance(field, StreamField):
            label = innermost_label(field.stream_block, components[1:])
            if label:
                info["subField"] = str(label)
        return info

    labelled.celik_innermost_labels = True
    return labelled


def install():
    """Puts the labelling in place in wagtail-localize's translation editor (once)."""
    current = edit_translation.get_segment_location_info
    if not getattr(current, "celik_innermost_labels", False):
        edit_translation.get_segment_location_info = with_innermost_labels(current)
