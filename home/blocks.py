"""StreamField blocks editors compose content pages from."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))],
        default="h2",
        help_text=_("Do not skip levels: a heading 3 follows a heading 2."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/figure.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    author = blocks.CharBlock(label=_("Author"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("or address"), required=False)
    button_label = blocks.CharBlock(
        label=_("Button label"),
        max_length=60,
        help_text=_("Say what happens, e.g. “Submit an idea”, not “Click here”."),
    )

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or give an address."))}
            )
        return value


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("Defaults to the document title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document_link.html"


class VideoBlock(blocks.StructBlock):
    embed = EmbedBlock(label=_("Address of the video or post"))
    title = blocks.CharBlock(
        label=_("Title"), max_length=200, help_text=_("Describes the embedded content.")
    )
    transcript = blocks.RichTextBlock(
        label=_("Transcript or description"),
        required=False,
        features=["bold", "italic", "link", "ol", "ul"],
    )

    class Meta:
        icon = "media"
        label = _("Embed")
        template = "blocks/embed.html"


RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="blocks/paragraph.html"
    )
    image = FigureBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document = DocumentLinkBlock()
    embed = VideoBlock()


class FundingLogoBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Logo"))
    url = blocks.URLBlock(label=_("Link"), required=False)

    class Meta:
        icon = "image"
        label = _("Logo")
