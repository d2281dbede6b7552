#!/usr/bin/env python3
"""build_templates.py - write Lettershop's sample templates, sample data and the Word-shaped
test fixtures of DocxMergeTests.

Usage (from the project root):  python3 Templates/source/build_templates.py

Writes, with the Python standard library only (zipfile + hand-written XML in the shape
Word 2016+ saves it: rsids, w14:paraId/textId, mc:Ignorable, proofErr, _GoBack, a
w:mailMerge block in settings.xml pointing at a CSV data source, ...):

  Templates/letter-en.docx                       business letter, English (en-GB defaults)
  Templates/letter-nb.docx                       the same letter in Norwegian Bokmål (nb-NO)
  Samples/contacts.csv                           50 contacts for `lettershop contacts import`
  Samples/letters.csv                            39 persons for `lettershop merge` of the letters
  Tests/DocxMergeTests/Fixtures/word-split-fields.docx (+ .csv)
  Tests/DocxMergeTests/Fixtures/word-switches.docx     (+ .csv)
  Tests/DocxMergeTests/Fixtures/README.md

The output is deterministic: fixed zip entry times (1980-01-01), fixed entry order, fixed
ids; running the script twice gives the same bytes (with the same zlib).
"""
import csv
import io
import math
import os
import struct
import sys
import zipfile
import zlib

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'

# Namespace block Word 2016+ (Microsoft 365 builds) writes on document/header/footer/notes roots.
NS_DOC = (
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex" '
    'xmlns:cx1="http://schemas.microsoft.com/office/drawing/2015/9/8/chartex" '
    'xmlns:cx2="http://schemas.microsoft.com/office/drawing/2015/10/21/chartex" '
    'xmlns:cx3="http://schemas.microsoft.com/office/drawing/2016/5/9/chartex" '
    'xmlns:cx4="http://schemas.microsoft.com/office/drawing/2016/5/10/chartex" '
    'xmlns:cx5="http://schemas.microsoft.com/office/drawing/2016/5/11/chartex" '
    'xmlns:cx6="http://schemas.microsoft.com/office/drawing/2016/5/12/chartex" '
    'xmlns:cx7="http://schemas.microsoft.com/office/drawing/2016/5/13/chartex" '
    'xmlns:cx8="http://schemas.microsoft.com/office/drawing/2016/5/14/chartex" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:aink="http://schemas.microsoft.com/office/drawing/2016/ink" '
    'xmlns:am3d="http://schemas.microsoft.com/office/drawing/2017/model3d" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:oel="http://schemas.microsoft.com/office/2019/extlst" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
    'xmlns:w16cex="http://schemas.microsoft.com/office/word/2018/wordml/cex" '
    'xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid" '
    'xmlns:w16="http://schemas.microsoft.com/office/word/2018/wordml" '
    'xmlns:w16du="http://schemas.microsoft.com/office/word/2023/wordml/word16du" '
    'xmlns:w16sdtdh="http://schemas.microsoft.com/office/word/2020/wordml/sdtdatahash" '
    'xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk" '
    'xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'mc:Ignorable="w14 w15 w16se w16cid w16 w16cex w16sdtdh w16du wp14"')

NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc_attr(s):
    return esc(s).replace('"', "&quot;")


# --------------------------------------------------------------------------- run/paragraph properties
def rpr(fmt=None, noproof=False):
    """w:rPr with the children in schema order (rStyle, b, i, noProof, color, sz, lang)."""
    fmt = fmt or {}
    out = []
    if fmt.get("style"):
        out.append('<w:rStyle w:val="%s"/>' % fmt["style"])
    if fmt.get("b"):
        out.append("<w:b/><w:bCs/>")
    if fmt.get("i"):
        out.append("<w:i/><w:iCs/>")
    if noproof:
        out.append("<w:noProof/>")
    if fmt.get("color"):
        out.append('<w:color w:val="%s"/>' % fmt["color"])
    if fmt.get("sz"):
        out.append('<w:sz w:val="%d"/><w:szCs w:val="%d"/>' % (fmt["sz"], fmt["sz"]))
    if fmt.get("lang"):
        out.append('<w:lang w:val="%s"/>' % fmt["lang"])
    return "<w:rPr>%s</w:rPr>" % "".join(out) if out else ""


def ppr(style=None, keep_next=False, tabs=None, before=None, after=None, ind_left=None, jc=None,
        mark=None):
    """w:pPr with the children in schema order."""
    out = []
    if style:
        out.append('<w:pStyle w:val="%s"/>' % style)
    if keep_next:
        out.append("<w:keepNext/>")
    if tabs:
        out.append("<w:tabs>%s</w:tabs>" % "".join(
            '<w:tab w:val="%s" w:pos="%d"/>' % t for t in tabs))
    if before is not None or after is not None:
        out.append("<w:spacing%s%s/>" % (
            ' w:before="%d"' % before if before is not None else "",
            ' w:after="%d"' % after if after is not None else ""))
    if ind_left is not None:
        out.append('<w:ind w:left="%d"/>' % ind_left)
    if jc:
        out.append('<w:jc w:val="%s"/>' % jc)
    if mark:
        out.append(rpr(mark))
    return "<w:pPr>%s</w:pPr>" % "".join(out) if out else ""


SPELL_START = '<w:proofErr w:type="spellStart"/>'
SPELL_END = '<w:proofErr w:type="spellEnd"/>'
GRAM_START = '<w:proofErr w:type="gramStart"/>'
GRAM_END = '<w:proofErr w:type="gramEnd"/>'


class Word:
    """Writes WordprocessingML the way Word does: one line, rsids on paragraphs and runs,
    w14:paraId/w14:textId on paragraphs and table rows, fields as Word stores them."""

    def __init__(self, seed, rsids, root):
        self.state = seed
        self.rs = rsids            # revision save ids, one per editing session
        self.root = root
        self.used = {root}
        self.bm = 1                # bookmark ids (0 is _GoBack)
        self.shape = 1

    def _next(self):
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return self.state

    def hexid(self):
        v = self._next() ^ (self._next() << 11)
        return "%08X" % (v & 0x7FFFFFFF or 1)     # paraId/textId must stay below 0x80000000

    def R(self, i):
        r = self.rs[i]
        self.used.add(r)
        return r

    # ---- text runs -------------------------------------------------------------------------
    def r(self, text, rs=1, fmt=None, rs_rpr=None):
        attrs = ' w:rsidR="%s"' % self.R(rs)
        if fmt:
            attrs += ' w:rsidRPr="%s"' % self.R(rs if rs_rpr is None else rs_rpr)
        sp = ' xml:space="preserve"' if text != text.strip() else ""
        return '<w:r%s>%s<w:t%s>%s</w:t></w:r>' % (attrs, rpr(fmt), sp, esc(text))

    def tab(self, rs=1, fmt=None):
        return '<w:r w:rsidR="%s">%s<w:tab/></w:r>' % (self.R(rs), rpr(fmt))

    def spell(self, xml):
        return SPELL_START + xml + SPELL_END

    def p(self, content, rs=1, pp="", rs_rpr=None, rs_p=None):
        attrs = ' w14:paraId="%s" w14:textId="%s" w:rsidR="%s"' % (
            self.hexid(), self.hexid(), self.R(rs))
        if rs_rpr is not None:
            attrs += ' w:rsidRPr="%s"' % self.R(rs_rpr)
        attrs += ' w:rsidRDefault="%s" w:rsidP="%s"' % (self.R(rs), self.R(rs if rs_p is None else rs_p))
        return "<w:p%s>%s%s</w:p>" % (attrs, pp, content)

    # ---- complex-field pieces ----------------------------------------------------------------
    def fc(self, kind, rs, fmt=None):
        return '<w:r w:rsidR="%s"%s>%s<w:fldChar w:fldCharType="%s"/></w:r>' % (
            self.R(rs), ' w:rsidRPr="%s"' % self.R(rs) if fmt else "", rpr(fmt), kind)

    def it(self, text, rs, fmt=None, noproof=False):
        return '<w:r w:rsidR="%s"%s>%s<w:instrText xml:space="preserve">%s</w:instrText></w:r>' % (
            self.R(rs), ' w:rsidRPr="%s"' % self.R(rs) if fmt else "", rpr(fmt, noproof), esc(text))

    def res(self, text, rs, fmt=None):
        sp = ' xml:space="preserve"' if text != text.strip() else ""
        return '<w:r w:rsidR="%s"%s>%s<w:t%s>%s</w:t></w:r>' % (
            self.R(rs), ' w:rsidRPr="%s"' % self.R(rs) if fmt else "", rpr(fmt, True), sp, esc(text))

    def bookmark(self, name, inner):
        i = self.bm
        self.bm += 1
        return '<w:bookmarkStart w:id="%d" w:name="%s"/>%s<w:bookmarkEnd w:id="%d"/>' % (
            i, name, inner, i)

    def mf(self, name, sw="\\* MERGEFORMAT", fmt=None, rs=2, rs_alt=5, cuts=(), glue=None,
           proof_result=False, bm_result=None, bm_instr=None, result=None):
        """A complex MERGEFIELD: begin / instrText (split at `cuts`) / separate / «Name» / end.

        glue:         {piece index: xml} put before that instrText run (proofErr, empty runs)
        proof_result: w:proofErr spellStart/spellEnd around the result run
        bm_result:    bookmark name around the result run (between separate and end)
        bm_instr:     bookmark name around the instruction (between begin and separate)
        """
        instr = " MERGEFIELD %s %s" % (name, (sw + " ") if sw else "")
        bounds = [0] + list(cuts) + [len(instr)]
        pieces = [instr[bounds[k]:bounds[k + 1]] for k in range(len(bounds) - 1)]
        glue = glue or {}
        body = ""
        for k, piece in enumerate(pieces):
            body += glue.get(k, "")
            body += self.it(piece, rs if k % 2 == 0 else rs_alt, fmt)
        if bm_instr:
            body = self.bookmark(bm_instr, body)
        shown = self.res(result or "«%s»" % name.strip('"'), 4, fmt)
        if proof_result:
            shown = self.spell(shown)
        if bm_result:
            shown = self.bookmark(bm_result, shown)
        return self.fc("begin", rs, fmt) + body + self.fc("separate", rs, fmt) + shown + \
            self.fc("end", rs, fmt)

    def fs(self, name, sw="", fmt=None, rs=4):
        """A MERGEFIELD as w:fldSimple (what Insert Merge Field often leaves)."""
        instr = " MERGEFIELD %s %s" % (name, (sw + " ") if sw else "")
        return ('<w:fldSimple w:instr="%s"><w:r w:rsidR="%s"%s>%s<w:t>%s</w:t></w:r></w:fldSimple>'
                % (esc_attr(instr), self.R(rs), ' w:rsidRPr="%s"' % self.R(rs) if fmt else "",
                   rpr(fmt, True), esc("«%s»" % name.strip('"'))))

    def nested_mf(self, name, rs, fmt=None):
        """A MERGEFIELD inside another field's instruction: Word stores its result as instrText."""
        return (self.fc("begin", rs, fmt) + self.it(" MERGEFIELD %s " % name, rs, fmt)
                + self.fc("separate", rs, fmt) + self.it("«%s»" % name, rs, fmt, noproof=True)
                + self.fc("end", rs, fmt))

    def page(self, fmt=None):
        """A PAGE field (not about the data: a merge keeps it)."""
        return ('<w:r>%s<w:fldChar w:fldCharType="begin"/></w:r>'
                '<w:r>%s<w:instrText xml:space="preserve"> PAGE   \\* MERGEFORMAT </w:instrText></w:r>'
                '<w:r>%s<w:fldChar w:fldCharType="separate"/></w:r>'
                '<w:r>%s<w:t>1</w:t></w:r>'
                '<w:r>%s<w:fldChar w:fldCharType="end"/></w:r>'
                % (rpr(fmt), rpr(fmt), rpr(fmt), rpr(fmt, True), rpr(fmt)))

    def tbl(self, widths, rows, rs=8):
        """rows: list of lists of cell paragraph xml."""
        out = ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
               '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
               'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>%s</w:tblGrid>'
               % "".join('<w:gridCol w:w="%d"/>' % wd for wd in widths))
        for cells in rows:
            out += '<w:tr w:rsidR="%s" w14:paraId="%s" w14:textId="%s" w:rsidTr="%s">' % (
                self.R(rs), self.hexid(), self.hexid(), self.R(rs))
            for wd, content in zip(widths, cells):
                out += '<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>' % (wd, content)
            out += "</w:tr>"
        return out + "</w:tbl>"


def hf_ids(notes):
    """Relationship ids of header1/footer1: after styles, settings, webSettings (and notes)."""
    return ("rId6", "rId7") if notes else ("rId4", "rId5")


def sect_pr(w, notes=False):
    header_rid, footer_rid = hf_ids(notes)
    return ('<w:sectPr w:rsidR="%s" w:rsidSect="%s">%s%s<w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1985" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" '
            'w:footer="567" w:gutter="0"/><w:cols w:space="708"/><w:docGrid w:linePitch="360"/>'
            '</w:sectPr>' % (
                w.root, w.root,
                '<w:headerReference w:type="default" r:id="%s"/>' % header_rid,
                '<w:footerReference w:type="default" r:id="%s"/>' % footer_rid))


def drawing_inline(rid, cx, cy, name, descr):
    return (
        '<w:r><w:rPr><w:noProof/></w:rPr><w:drawing><wp:inline distT="0" distB="0" distL="0" '
        'distR="0" wp14:anchorId="3C5D2E1F" wp14:editId="0A1B2C3D"><wp:extent cx="%d" cy="%d"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="1" name="%s" descr="%s"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="%s" noChangeAspect="1"/>'
        '</wp:cNvGraphicFramePr><a:graphic xmlns:a="%s"><a:graphicData '
        'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr>'
        '<pic:cNvPr id="1" name="image1.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
        '<a:blip r:embed="%s"><a:extLst><a:ext uri="{28A0092B-C50C-407E-A947-70E740481C1C}">'
        '<a14:useLocalDpi xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main" val="0"/>'
        '</a:ext></a:extLst></a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr>'
        '<a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect">'
        '<a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>'
        '</w:drawing></w:r>' % (cx, cy, name, esc_attr(descr), NS_A, NS_A, rid, cx, cy))


def text_box_run(w, paragraphs_choice, paragraphs_fallback, docpr_id=2):
    """A text box as Word 2010+ writes it: wps:wsp in mc:Choice, a VML v:textbox copy in
    mc:Fallback (so the box's paragraphs, and their fields, are in the part twice)."""
    cx, cy = 2360930, 1005840
    return (
        '<w:r w:rsidR="%s"><w:rPr><w:noProof/></w:rPr><mc:AlternateContent><mc:Choice Requires="wps">'
        '<w:drawing><wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" '
        'simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" '
        'allowOverlap="1" wp14:anchorId="6F1D2A3B" wp14:editId="4C7E9B21"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>3429000</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>45720</wp:posOffset></wp:positionV>'
        '<wp:extent cx="%d" cy="%d"/><wp:effectExtent l="0" t="0" r="22860" b="22860"/>'
        '<wp:wrapSquare wrapText="bothSides"/><wp:docPr id="%d" name="Text Box 2"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="%s"/></wp:cNvGraphicFramePr>'
        '<a:graphic xmlns:a="%s"><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        '<wps:cNvSpPr txBox="1"><a:spLocks noChangeArrowheads="1"/></wps:cNvSpPr>'
        '<wps:spPr bwMode="auto"><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/>'
        '</a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>'
        '<a:miter lim="800000"/><a:headEnd/><a:tailEnd/></a:ln></wps:spPr><wps:txbx>'
        '<w:txbxContent>%s</w:txbxContent></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" '
        'lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t" anchorCtr="0">'
        '<a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
        '</mc:Choice><mc:Fallback><w:pict><v:shapetype w14:anchorId="6F1D2A3B" id="_x0000_t202" '
        'coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke '
        'joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        '<v:shape id="Text Box 2" o:spid="_x0000_s1026" type="#_x0000_t202" style="position:absolute;'
        'margin-left:270pt;margin-top:3.6pt;width:185.9pt;height:79.2pt;z-index:251659264;'
        'visibility:visible;mso-wrap-style:square;mso-width-percent:0;mso-height-percent:0;'
        'mso-wrap-distance-left:9pt;mso-wrap-distance-top:3.6pt;mso-wrap-distance-right:9pt;'
        'mso-wrap-distance-bottom:3.6pt;mso-position-horizontal:absolute;'
        'mso-position-horizontal-relative:text;mso-position-vertical:absolute;'
        'mso-position-vertical-relative:text;mso-width-percent:0;mso-height-percent:0;'
        'mso-width-relative:margin;mso-height-relative:margin;v-text-anchor:top"><v:textbox>'
        '<w:txbxContent>%s</w:txbxContent></v:textbox><w10:wrap type="square"/></v:shape></w:pict>'
        '</mc:Fallback></mc:AlternateContent></w:r>'
        % (w.R(7), cx, cy, docpr_id, NS_A, NS_A, cx, cy, paragraphs_choice, paragraphs_fallback))


# --------------------------------------------------------------------------- the letter
LETTER_TEXT = {
    "en": {
        "lang": "en-GB", "run_lang": None,
        "ref": "Our ref.: ", "date_sw": '\\@ "d MMMM yyyy" \\* MERGEFORMAT',
        "dear": "Dear ", "dear_other": "Dear customer,",
        "body": [
            [("Thank you for a good cooperation over the past year. As promised at our last "
              "meeting, we are sending you the details of our new framework agreement for office "
              "furniture, supplies and workplace services, which takes effect on 1 January 2027.", 1)],
            [("The agreement gives you fixed prices on our core range for twelve months, free "
              "delivery on all orders above NOK 2,500 and a dedicated contact person who knows your "
              "premises. Ergonomic assessments of new workstations are included at no extra cost.", 1)],
            [("We would also like to invite you to our showroom in ", 1),
             ("Karl Johans gate", 3, "spell"),
             (" 12, where you can try out the new sit-stand desks and acoustic panels from our "
              "2027 collection. The showroom is open on weekdays from 09:00 to 17:00, and we are "
              "happy to arrange a visit outside these hours.", 1)],
            [("Your customer details are summarised below. Please let us know if anything has "
              "changed.", 7)],
        ],
        "table": [("Customer no.", "ContactNo"), ("Your contact", "SalespersonCode"),
                  ("Agreement period", "1 January – 31 December 2027")],
        "after": [("If you have any questions, do not hesitate to contact us by phone on "
                   "+47 22 40 18 00 or by e-mail at kundeservice@nordlyskontor.no.", 1)],
        "closing": "Kind regards", "title": "Head of Sales",
        "footer_contact": "Your contact: ", "page": "Page ",
        "doc_title": "Framework agreement 2027", "words": 318, "chars": 1774,
    },
    "nb": {
        "lang": "nb-NO", "run_lang": "nb-NO",
        "ref": "Vår ref.: ", "date_sw": '\\@ "d. MMMM yyyy" \\* MERGEFORMAT',
        "dear": "Kjære ", "dear_other": "Hei,",
        "body": [
            [("Takk for et godt samarbeid det siste året. Som lovet på vårt forrige møte sender vi "
              "deg her detaljene om vår nye rammeavtale for kontormøbler, rekvisita og "
              "arbeidsplasstjenester, som trer i kraft 1. januar 2027.", 1)],
            [("Avtalen gir dere faste priser på vårt kjernesortiment i tolv måneder, fri frakt på "
              "alle bestillinger over 2 500 kroner og en fast kontaktperson som kjenner lokalene "
              "deres. Ergonomisk vurdering av nye arbeidsplasser er inkludert uten ekstra kostnad.", 1)],
            [("Vi vil også gjerne invitere dere til vårt visningssenter i Karl Johans gate 12, der "
              "dere kan prøve de nye hev- og ", 1), ("senkbare", 3, "spell"),
             (" skrivebordene og akustikkplatene fra 2027-kolleksjonen. Visningssenteret er åpent "
              "på hverdager fra kl. 09.00 til 17.00, og vi avtaler gjerne et besøk utenom disse "
              "tidene.", 1)],
            [("Kundeopplysningene deres er oppsummert nedenfor. Gi oss beskjed dersom noe er "
              "endret.", 7)],
        ],
        "table": [("Kundenr.", "ContactNo"), ("Deres kontakt", "SalespersonCode"),
                  ("Avtaleperiode", "1. januar – 31. desember 2027")],
        "after": [("Har du spørsmål, er du velkommen til å kontakte oss på telefon 22 40 18 00 "
                   "eller e-post kundeservice@nordlyskontor.no.", 1)],
        "closing": "Med vennlig hilsen", "title": "Salgssjef",
        "footer_contact": "Din kontakt: ", "page": "Side ",
        "doc_title": "Rammeavtale 2027", "words": 296, "chars": 1841,
    },
}

LETTER_RSIDS = ["00A7336C", "00B84A2C", "00F21A0E", "003E5D7B", "00C41F92", "006E2B1D",
                "0079A3F5", "00D05E81", "004B7C19", "00E6A0D4"]


def letter_document(w, T):
    P, R, F = w.p, w.r, w.mf
    L = {"lang": T["run_lang"]} if T["run_lang"] else None
    B = dict(L or {}, b=True)
    I = dict(L or {}, i=True)
    tight = dict(after=0)
    ps = []
    # address block: one paragraph per line
    ps.append(P(F("CompanyName", "\\* Upper \\* MERGEFORMAT", fmt=B), 2,
                ppr(mark=B, **tight), rs_rpr=6))
    ps.append(P(F("FirstName", fmt=L) + R(" ", 2, L) + '<w:r w:rsidR="%s"/>' % w.R(5)
                + F("Surname", fmt=L), 2, ppr(mark=L, **tight)))
    ps.append(P(F("Address", fmt=L, cuts=[len(" MERGEFIELD Addr")]), 2, ppr(mark=L, **tight)))
    ps.append(P(F("Address2", fmt=L, cuts=[len(" MERGEFIELD ")]), 5, ppr(mark=L, **tight)))
    ps.append(P(F("PostCode", fmt=L, proof_result=True) + R(" ", 2, L) + F("City", fmt=L), 2,
                ppr(mark=L, **tight)))
    ps.append(P(F("CountryCode", sw="", fmt=L), 2, ppr(mark=L)))
    ps.append(P("", 0, ppr(mark=L)))
    # date and subject
    ps.append(P(R("Oslo, ", 1, L) + F("Date", sw=T["date_sw"], fmt=L, rs=3), 1,
                ppr(jc="right", mark=L)))
    ps.append(P(F("Subject", fmt=B, rs=3, bm_result="_Hlk215937406"), 3,
                ppr(before=240, mark=B), rs_rpr=6))
    # salutation: { IF { MERGEFIELD Salutation } <> "" "Dear { Salutation } { Surname }," "Dear customer," }
    rs = 6
    sal = (w.fc("begin", rs, L) + w.it(" IF ", rs, L) + w.nested_mf("Salutation", rs, L)
           + w.it(' <> "" "%s' % T["dear"], rs, L) + w.nested_mf("Salutation", rs, L)
           + w.it(" ", rs, L) + w.nested_mf("Surname", rs, L)
           + w.it('," "%s" ' % T["dear_other"], rs, L) + w.fc("separate", rs, L)
           + w.res("%s«Salutation» «Surname»," % T["dear"], rs, L) + w.fc("end", rs, L))
    ps.append(P(sal, 6, ppr(mark=L)))
    # body
    for k, runs in enumerate(T["body"]):
        xml = ""
        for item in runs:
            text, r = item[0], item[1]
            x = R(text, r, L)
            if len(item) > 2 and item[2] == "spell":
                x = w.spell(x)
            xml += x
        if k == 2:
            xml += '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>'
        ps.append(P(xml, runs[0][1], ppr(jc="both", mark=L)))
    # customer details table
    rows = []
    for label, value in T["table"]:
        if value in ("ContactNo", "SalespersonCode"):
            v = w.fs(value, fmt=L)
        else:
            v = R(value, 8, L)
        rows.append([P(R(label, 8, B), 8, ppr(mark=B)), P(v, 8, ppr(mark=L))])
    ps.append(w.tbl([3119, 5943], rows))
    ps.append(P("", 7, ppr(mark=L)))
    # personal note (empty for most records: the paragraph is dropped)
    ps.append(P(F("PersonalNote", fmt=I, rs=9), 9, ppr(ind_left=567, mark=I), rs_rpr=9))
    for text, r in T["after"]:
        ps.append(P(R(text, r, L), r, ppr(jc="both", mark=L)))
    ps.append(P(R(T["closing"], 1, L), 1, ppr(mark=L)))
    ps.append(P(w.spell(R("Nordlys", 1, L)) + R(" Kontor AS", 1, L), 1, ppr(mark=L)))
    ps.append(P("", 1, ppr(mark=L)))
    ps.append(P(R("Ingrid Solberg", 1, L), 1, ppr(mark=L, **tight)))
    ps.append(P(R(T["title"], 1, L), 1, ppr(mark=L)))
    return DECL + "<w:document %s><w:body>%s%s</w:body></w:document>" % (
        NS_DOC, "".join(ps), sect_pr(w))


def letter_header(w, T):
    L = {"lang": T["run_lang"]} if T["run_lang"] else None
    small = dict(L or {}, color="595959", sz=18)
    content = (drawing_inline("rId1", 1371600, 411480, "Picture 1", "Nordlys Kontor logo")
               + w.tab(1, small) + w.r(T["ref"], 1, small) + w.mf("ContactNo", fmt=small, rs=2))
    ps = [w.p(content, 1, ppr(style="Header", tabs=[("clear", 4536)], mark=small))]
    return DECL + "<w:hdr %s>%s</w:hdr>" % (NS_DOC, "".join(ps))


def letter_footer(w, T):
    L = {"lang": T["run_lang"]} if T["run_lang"] else None
    small = dict(L or {}, color="595959", sz=16)
    ps = [
        w.p(w.spell(w.r("Nordlys", 1, small)) + w.r(" Kontor AS · Karl Johans gate 12 · 0154 Oslo · "
                                                    "Org.nr. 923 456 789 MVA", 1, small),
            1, ppr(style="Footer", mark=small)),
        w.p(w.r("Tel. +47 22 40 18 00 · post@nordlyskontor.no · www.nordlyskontor.no", 1, small),
            1, ppr(style="Footer", mark=small)),
        w.p(w.r(T["footer_contact"], 1, small) + w.mf("SalespersonCode", fmt=small, rs=2)
            + w.tab(1, small) + w.tab(1, small) + w.r(T["page"], 1, small) + w.page(small),
            1, ppr(style="Footer", before=120, mark=small)),
    ]
    return DECL + "<w:ftr %s>%s</w:ftr>" % (NS_DOC, "".join(ps))


LETTER_FIELDS = ["ContactNo", "CompanyName", "FirstName", "Surname", "Salutation", "Address",
                 "Address2", "PostCode", "City", "CountryCode", "SalespersonCode", "Date", "Subject",
                 "PersonalNote"]


def build_letter(path, lang):
    T = LETTER_TEXT[lang]
    w = Word(0x2C3E41A0 if lang == "en" else 0x51B7C2D3, LETTER_RSIDS, LETTER_RSIDS[0])
    doc = letter_document(w, T)
    hdr = letter_header(w, T)
    ftr = letter_footer(w, T)
    src = "C:\\Users\\ingrid.solberg\\Documents\\Lettershop\\letters.csv"
    pkg = Package(
        document=doc,
        headers=[("header1.xml", hdr, [("rId1", OD + "image", "media/image1.png")])],
        footers=[("footer1.xml", ftr, [])],
        media=[("media/image1.png", logo_png())],
        lang=T["lang"], rsids=w.used, root=w.root, style_rsids=w.rs,
        mail_merge_csv=src, odso=LETTER_ODSO,
        title=T["doc_title"], creator="Ingrid Solberg", company="Nordlys Kontor AS",
        words=T["words"], chars=T["chars"])
    pkg.write(path)


LETTER_ODSO = [("FirstName", "First Name", 3), ("Surname", "Last Name", 4),
               ("CompanyName", "Company", 2), ("Address", "Address 1", 6),
               ("Address2", "Address 2", 7), ("City", "City", 9), ("PostCode", "Postal Code", 8),
               ("CountryCode", "Country or Region", 10), ("Salutation", "Courtesy Title", 5)]


# --------------------------------------------------------------------------- fixture 1: split fields
FIXTURE_RSIDS = ["005C1E3A", "00A91B64", "0031F7C2", "00E4D85B", "007B2A90", "00C6F413",
                 "0012D9E7", "008F0A5D", "00D3B6C1", "00459E28"]


def split_fields_document(w):
    P, R = w.p, w.r
    body = []
    body.append(P(R("Field split test", 1), 1, ppr(style="Heading1")))
    # FirstName: instruction over 3 instrText runs, proofErr between them; then the
    # {{ Surname }} placeholder typed in three sessions ("{{", " Surname ", "}}"), bold.
    first = (w.fc("begin", 2) + w.it(" MERGEFIELD ", 2) + SPELL_START + w.it("FirstName", 5)
             + SPELL_END + w.it(" \\* MERGEFORMAT ", 6) + w.fc("separate", 2)
             + w.res("«FirstName»", 4) + w.fc("end", 2))
    bold = {"b": True}
    placeholder = (R("{{", 3, bold) + SPELL_START + R(" Surname ", 7, bold) + SPELL_END
                   + R("}}", 8, bold))
    body.append(P(R("Dear ", 1) + first + R(" ", 1) + placeholder + R(",", 1), 1))
    # fldSimple with \* Upper
    body.append(P(R("Company: ", 1) + w.fs("CompanyName", "\\* Upper \\* MERGEFORMAT"), 1))
    # quoted name with a space; an empty <w:r/> inside the instruction, an empty formatted run
    # before the field
    quoted = (w.fc("begin", 2) + w.it(' MERGEFIELD "First ', 2) + "<w:r/>" + w.it('Name" ', 5)
              + w.fc("separate", 2) + w.res("«First Name»", 4) + w.fc("end", 2))
    body.append(P(R("Also known as ", 1) + '<w:r w:rsidR="%s"><w:rPr><w:noProof/></w:rPr></w:r>'
                  % w.R(6) + quoted + R(".", 1), 1))
    # bookmark between begin and separate
    body.append(P(R("Customer number: ", 1) + w.mf("ContactNo", bm_instr="CustomerNo"), 1))
    # footnote and endnote references
    body.append(P(R("Your personal note is in the footnote", 1)
                  + '<w:r w:rsidR="%s"><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                    '<w:footnoteReference w:id="1"/></w:r>' % w.R(9)
                  + R(" and the recipient in the endnote.", 1)
                  + '<w:r w:rsidR="%s"><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr>'
                    '<w:endnoteReference w:id="1"/></w:r>' % w.R(9), 1))
    # text box (Choice + Fallback copy)
    def box_paras():
        return (P(R("Delivery to", 7, bold), 7, ppr(mark=bold))
                + P(R("City: ", 7) + w.mf("City", rs=7), 7))
    body.append(P(text_box_run(w, box_paras(), box_paras()) + R("The text box on the right names "
                                                                  "the delivery city.", 1), 1))
    # table with fields in cells
    rows = [[P(R("Company", 8, bold), 8, ppr(mark=bold)), P(w.mf("CompanyName", rs=8), 8)],
            [P(R("City", 8, bold), 8, ppr(mark=bold)), P(w.fs("City"), 8)]]
    body.append(w.tbl([3119, 5943], rows))
    body.append(P('<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>', 0))
    return DECL + "<w:document %s><w:body>%s%s</w:body></w:document>" % (
        NS_DOC, "".join(body), sect_pr(w, notes=True))


def split_fields_header(w):
    return DECL + "<w:hdr %s>%s</w:hdr>" % (NS_DOC, w.p(
        w.r("Ref. ", 1) + w.mf("ContactNo", rs=2), 1, ppr(style="Header", jc="right")))


def split_fields_footer(w):
    return DECL + "<w:ftr %s>%s</w:ftr>" % (NS_DOC, w.p(
        w.fs("CompanyName") + w.r(" · Page ", 1) + w.page(), 1, ppr(style="Footer", jc="center")))


def notes_xml(w, kind, content):
    """footnotes.xml / endnotes.xml: separator (-1), continuation separator (0), note 1."""
    tag = kind  # "footnote" or "endnote"
    sep = ('<w:p w14:paraId="%s" w14:textId="%s" w:rsidR="%s" w:rsidRDefault="%s" w:rsidP="%s">'
           '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:%s/>'
           '</w:r></w:p>')
    s1 = sep % (w.hexid(), w.hexid(), w.R(0), w.R(0), w.R(0), "separator")
    s2 = sep % (w.hexid(), w.hexid(), w.R(0), w.R(0), w.R(0), "continuationSeparator")
    style = "FootnoteText" if kind == "footnote" else "EndnoteText"
    ref = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    note = w.p('<w:r><w:rPr><w:rStyle w:val="%s"/></w:rPr><w:%sRef/></w:r>' % (ref, tag)
               + w.r(" ", 9) + content, 9, ppr(style=style))
    return (DECL + '<w:%ss %s><w:%s w:type="separator" w:id="-1">%s</w:%s><w:%s '
            'w:type="continuationSeparator" w:id="0">%s</w:%s><w:%s w:id="1">%s</w:%s></w:%ss>'
            % (tag, NS_DOC, tag, s1, tag, tag, s2, tag, tag, note, tag, tag))


def build_split_fields(path):
    w = Word(0x0D15EA5E, FIXTURE_RSIDS, FIXTURE_RSIDS[0])
    doc = split_fields_document(w)
    hdr = split_fields_header(w)
    ftr = split_fields_footer(w)
    fn = notes_xml(w, "footnote", w.r("Note: ", 9) + w.mf("Note", rs=9))
    en = notes_xml(w, "endnote", w.r("Prepared for ", 9) + w.mf("FirstName", rs=9) + w.r(" ", 9)
                   + w.fs("Surname"))
    Package(document=doc, headers=[("header1.xml", hdr, [])], footers=[("footer1.xml", ftr, [])],
            footnotes=fn, endnotes=en, lang="en-US", rsids=w.used, root=w.root, style_rsids=w.rs,
            mail_merge_csv="C:\\Users\\test\\Documents\\word-split-fields.csv",
            odso=[("FirstName", "First Name", 2), ("Surname", "Last Name", 3),
                  ("City", "City", 4), ("CompanyName", "Company", 5)],
            title="Field split test", creator="Test Author", company="Nordlys Kontor AS",
            words=48, chars=290).write(path)


# --------------------------------------------------------------------------- fixture 2: switches
def switches_document(w):
    P, R, F = w.p, w.r, w.mf
    nb, en = {"lang": "nb-NO"}, {"lang": "en-US"}
    tight = dict(after=0)
    body = [P(R("Switch test", 1), 1, ppr(style="Heading1"))]
    body.append(P(R("Dato: ", 1, nb) + F("Date", '\\@ "dddd d. MMMM yyyy" \\* MERGEFORMAT', fmt=nb),
                  1, ppr(mark=nb)))
    body.append(P(R("Date: ", 1, en) + F("Date", '\\@ "MMMM d, yyyy h:mm AM/PM"', fmt=en), 1,
                  ppr(mark=en)))
    body.append(P(R("Short date: ", 1) + F("Date", "\\@ dd.MM.yyyy"), 1))
    body.append(P(R("Amount: ", 1, en) + F("Amount", '\\# "#,##0.00" \\* MERGEFORMAT', fmt=en), 1,
                  ppr(mark=en)))
    body.append(P(R("Beløp: ", 1, nb) + F("Amount", '\\# "# ##0,00"', fmt=nb), 1, ppr(mark=nb)))
    body.append(P(F("Name", '\\b "Attn: " \\* MERGEFORMAT', rs=3), 3))
    body.append(P(F("Title", '\\f " (VIP)"', rs=3, cuts=[len(' MERGEFIELD Title \\f " (')]), 3))
    body.append(P(R("Caps: ", 1) + F("Name", "\\* Caps", rs=3), 1))
    body.append(P(R("FirstCap: ", 1) + F("Title", "\\* FirstCap", rs=3), 1))
    body.append(P(R("Lower: ", 1) + F("City", "\\* Lower", rs=3), 1))
    red = {"b": True, "color": "FF0000"}
    body.append(P(R("Highlighted: ", 1) + F("City", fmt=red, rs=5), 1, ppr(mark=red), rs_rpr=5))
    rs = 6
    if_amount = (w.fc("begin", rs) + w.it(" IF ", rs) + w.nested_mf("Amount", rs)
                 + w.it(' > 1000 "large" "small" ', rs) + w.fc("separate", rs)
                 + w.res("small", rs) + w.fc("end", rs))
    body.append(P(R("This order is ", 1) + if_amount + R(".", 1), 1))
    if_city = (w.fc("begin", rs) + w.it(" IF ", rs) + w.nested_mf("City", rs)
               + w.it(' = "Os*" "Oslo area" "elsewhere" ', rs) + w.fc("separate", rs)
               + w.res("elsewhere", rs) + w.fc("end", rs))
    body.append(P(R("Region: ", 1) + if_city, 1))
    body.append(P("", 0))
    # address block: 4 paragraphs, Address2 empty for some records
    body.append(P(F("Name", rs=7), 7, ppr(**tight)))
    body.append(P(F("Address", rs=7), 7, ppr(**tight)))
    body.append(P(F("Address2", rs=7, cuts=[len(" MERGEFIELD Address")]), 7, ppr(**tight)))
    body.append(P(F("City", rs=7), 7))
    body.append(P('<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>', 0))
    return DECL + "<w:document %s><w:body>%s%s</w:body></w:document>" % (
        NS_DOC, "".join(body), sect_pr(w))


def build_switches(path):
    w = Word(0x5EED0042, FIXTURE_RSIDS, FIXTURE_RSIDS[0])
    doc = switches_document(w)
    hdr = DECL + "<w:hdr %s>%s</w:hdr>" % (NS_DOC, w.p(w.r("Nordlys Kontor AS", 1), 1,
                                                          ppr(style="Header")))
    ftr = DECL + "<w:ftr %s>%s</w:ftr>" % (NS_DOC, w.p(w.r("Page ", 1) + w.page(), 1,
                                                          ppr(style="Footer", jc="center")))
    Package(document=doc, headers=[("header1.xml", hdr, [])], footers=[("footer1.xml", ftr, [])],
            lang="nb-NO", rsids=w.used, root=w.root, style_rsids=w.rs,
            mail_merge_csv="C:\\Users\\test\\Documents\\word-switches.csv",
            odso=[("City", "City", 5), ("Address", "Address 1", 3), ("Address2", "Address 2", 4)],
            title="Switch test", creator="Test Author", company="Nordlys Kontor AS",
            words=40, chars=260).write(path)


# --------------------------------------------------------------------------- fixture 3: Mailings
def mailings_document(w):
    P, R, F = w.p, w.r, w.mf
    tight = dict(after=0)
    rs = 6
    body = [P(R("Mailings test", 1), 1, ppr(style="Heading1"))]
    # Insert Address Block: the format over several instruction runs, a <w:cr/> where the user
    # pressed Enter in the format, \c 2 with the excluded country.
    fmt = ['<<_TITLE0_ >><<_FIRST0_>><< _LAST0_>>', '<<_COMPANY_', '>><<_STREET1_', '>><<_POSTAL_ >><<_CITY_',
           '>><<_COUNTRY_>>" \\l 1044 \\c 2 \\e "Norway" \\d ']
    block = w.fc("begin", rs) + w.it(' ADDRESSBLOCK \\f "' + fmt[0], rs)
    for piece in fmt[1:]:
        block += '<w:r w:rsidR="%s"><w:cr/><w:instrText xml:space="preserve">%s</w:instrText></w:r>' % (w.R(rs), esc(piece))
    block += w.fc("separate", rs) + w.res("«AddressBlock»", rs) + w.fc("end", rs)
    body.append(P(block, rs, ppr(**tight)))
    body.append(P("", 0))
    # Insert Greeting Line: a w:fldSimple, the line break Word keeps in the format.
    greeting = ' GREETINGLINE \\f "<<_BEFORE_ Dear >><<_TITLE0_>><< _LAST0_>>\n<<_AFTER_ ,>>" \\l 1033 \\e "Dear customer," '
    body.append(P('<w:fldSimple w:instr="%s"><w:r w:rsidR="%s"><w:rPr><w:noProof/></w:rPr><w:t>«GreetingLine»</w:t></w:r></w:fldSimple>'
                  % (esc_attr(greeting).replace("\n", "&#xA;"), w.R(rs)), rs))
    # Insert Word Field > If...Then...Else with a merge field inserted into it: Word writes w:fldSimple.
    if_simple = (w.fc("begin", rs) + w.it(" IF ", rs) + w.fs("Level") + w.it(' = "Gold" "Thank you, ', rs)
                 + w.fs('"Given Name"') + w.it(', for being a gold member." "Thank you for your order." ', rs)
                 + w.fc("separate", rs) + w.res("Thank you for your order.", rs) + w.fc("end", rs))
    body.append(P(if_simple, rs))
    # A picture and bold text inside the IF's true text.
    bold = {"b": True}
    if_picture = (w.fc("begin", rs) + w.it(" IF ", rs) + w.nested_mf("Level", rs) + w.it(' = "Gold" "', rs)
                  + drawing_inline("rId20", 457200, 137160, "Badge", "Gold badge") + w.it(" ", rs)
                  + w.it("Gold", rs, bold) + w.it(' badge" "" \\* MERGEFORMAT ', rs)
                  + w.fc("separate", rs) + w.res("", rs) + w.fc("end", rs))
    body.append(P(R("Status: ", 1) + if_picture, 1))
    # IF inside IF.
    inner = (w.fc("begin", rs) + w.it(" IF ", rs) + w.nested_mf("Level", rs) + w.it(' = "Gold" "Gull" "Standard" ', rs)
             + w.fc("separate", rs) + w.it("Standard", rs, noproof=True) + w.fc("end", rs))
    if_if = (w.fc("begin", rs) + w.it(" IF ", rs) + w.nested_mf("Country", rs) + w.it(' = "Norway" "', rs)
             + inner + w.it('" "International" ', rs) + w.fc("separate", rs) + w.res("International", rs) + w.fc("end", rs))
    body.append(P(R("Tier: ", 1) + if_if, 1))
    # An IF whose true text runs over two paragraphs, in a table cell.
    cell_if_start = (w.fc("begin", rs) + w.it(" IF ", rs) + w.nested_mf("Level", rs)
                     + w.it(' = "Gold" "Lounge access included.', rs))
    cell_if_end = (w.it('Free shipping on every order." "Standard shipping." ', rs) + w.fc("separate", rs)
                   + w.res("Standard shipping.", rs) + w.fc("end", rs))
    cell = lambda content: '<w:tc><w:tcPr><w:tcW w:w="4500" w:type="dxa"/></w:tcPr>%s</w:tc>' % content
    table = ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
             '<w:tblGrid><w:gridCol w:w="4500"/><w:gridCol w:w="4500"/></w:tblGrid><w:tr>%s%s</w:tr></w:tbl>'
             % (cell(P(R("Benefits", 1), 1)), cell(P(cell_if_start, rs) + P(cell_if_end, rs))))
    body.append(table)
    body.append(P(R("Kind regards,", 1), 1))
    body.append(P('<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>', 0))
    return DECL + "<w:document %s><w:body>%s%s</w:body></w:document>" % (NS_DOC, "".join(body), sect_pr(w))


def build_mailings(path):
    w = Word(0x3A11E0F5, FIXTURE_RSIDS, FIXTURE_RSIDS[0])
    doc = mailings_document(w)
    rs = 6
    header_if = (w.fc("begin", rs) + w.it(" IF ", rs) + w.nested_mf("Level", rs) + w.it(' = "Gold" "GOLD MEMBER" "MEMBER" ', rs)
                 + w.fc("separate", rs) + w.res("MEMBER", rs) + w.fc("end", rs))
    hdr = DECL + "<w:hdr %s>%s</w:hdr>" % (NS_DOC, w.p(w.r("Nordlys Kontor AS - ", 1) + header_if, 1, ppr(style="Header")))
    ftr = DECL + "<w:ftr %s>%s</w:ftr>" % (NS_DOC, w.p(w.r("Page ", 1) + w.page(), 1, ppr(style="Footer", jc="center")))
    # Match Fields as Word saves it: positions in Word's order of address fields.
    address_map = {1: ("Salutation", "Tittel"), 2: ("Given Name", "Fornavn"), 4: ("Family Name", "Etternavn"),
                   8: ("Organisation", "Firma"), 9: ("Street", "Adresse 1"), 11: ("Town", "Poststed"),
                   13: ("Zip", "Postnummer"), 14: ("Country", "Land")}
    Package(document=doc, headers=[("header1.xml", hdr, [])], footers=[("footer1.xml", ftr, [])],
            media=[("media/image1.png", logo_png())], doc_extra_rels=[("rId20", OD + "image", "media/image1.png")],
            lang="en-GB", rsids=w.used, root=w.root, style_rsids=w.rs,
            mail_merge_csv="C:\\Users\\test\\Documents\\word-mailings.csv", address_map=address_map,
            title="Mailings test", creator="Test Author", company="Nordlys Kontor AS",
            words=60, chars=380).write(path)


# --------------------------------------------------------------------------- package parts
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def rels(items):
    return (DECL + '<Relationships xmlns="%s">%s</Relationships>' % (REL_NS, "".join(
        '<Relationship Id="%s" Type="%s" Target="%s"%s/>' % (
            it[0], it[1], esc_attr(it[2]), ' TargetMode="External"' if len(it) > 3 and it[3] else "")
        for it in items)))


class Package:
    def __init__(self, document, headers, footers, lang, rsids, root, title, creator, company,
                 words, chars, footnotes=None, endnotes=None, media=(), mail_merge_csv=None,
                 odso=(), style_rsids=None, address_map=None, doc_extra_rels=()):
        self.__dict__.update(locals())
        del self.__dict__["self"]
        self.rsids = set(rsids) | {style_rsids[0], style_rsids[1], style_rsids[8]}

    def write(self, path):
        notes = bool(self.footnotes)
        hdr_id, ftr_id = hf_ids(notes)
        doc_rels = [("rId1", OD + "styles", "styles.xml"),
                    ("rId2", OD + "settings", "settings.xml"),
                    ("rId3", OD + "webSettings", "webSettings.xml")]
        if notes:
            doc_rels += [("rId4", OD + "footnotes", "footnotes.xml"),
                         ("rId5", OD + "endnotes", "endnotes.xml")]
        n = int(ftr_id[3:])
        doc_rels += [(hdr_id, OD + "header", self.headers[0][0]),
                     (ftr_id, OD + "footer", self.footers[0][0]),
                     ("rId%d" % (n + 1), OD + "fontTable", "fontTable.xml"),
                     ("rId%d" % (n + 2), OD + "theme", "theme/theme1.xml")]
        # Word writes them in no particular order; this is the order it used for these files
        doc_rels = doc_rels[::-1][:2] + doc_rels[:-2][::-1] + list(self.doc_extra_rels)
        entries = [("[Content_Types].xml", self.content_types()),
                   ("_rels/.rels", rels([
                       ("rId3", OD + "extended-properties", "docProps/app.xml"),
                       ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/"
                        "metadata/core-properties", "docProps/core.xml"),
                       ("rId1", OD + "officeDocument", "word/document.xml")])),
                   ("word/document.xml", self.document),
                   ("word/_rels/document.xml.rels", rels(doc_rels))]
        if self.footnotes:
            entries.append(("word/footnotes.xml", self.footnotes))
        if self.endnotes:
            entries.append(("word/endnotes.xml", self.endnotes))
        for name, xml, hrels in self.headers:
            entries.append(("word/" + name, xml))
        for name, xml, frels in self.footers:
            entries.append(("word/" + name, xml))
        for name, xml, hrels in self.headers + self.footers:
            if hrels:
                entries.append(("word/_rels/%s.rels" % name, rels(hrels)))
        for name, data in self.media:
            entries.append(("word/" + name, data))
        entries.append(("word/theme/theme1.xml", theme_xml()))
        entries.append(("word/settings.xml", self.settings_xml()))
        if self.mail_merge_csv:
            src = "file:///" + self.mail_merge_csv
            entries.append(("word/_rels/settings.xml.rels", rels([
                ("rId2", OD + "mailMergeSource", src, True),
                ("rId1", OD + "mailMergeSource", src, True)])))
        entries += [("word/styles.xml", styles_xml(self.lang, self.style_rsids)),
                    ("word/webSettings.xml", web_settings_xml()),
                    ("word/fontTable.xml", font_table_xml()),
                    ("docProps/core.xml", core_xml(self.title, self.creator)),
                    ("docProps/app.xml", app_xml(self.company, self.words, self.chars))]
        write_zip(path, entries)

    def content_types(self):
        ov = [("/word/document.xml", CT + "document.main+xml"),
              ("/word/styles.xml", CT + "styles+xml"),
              ("/word/settings.xml", CT + "settings+xml"),
              ("/word/webSettings.xml", CT + "webSettings+xml")]
        if self.footnotes:
            ov.append(("/word/footnotes.xml", CT + "footnotes+xml"))
        if self.endnotes:
            ov.append(("/word/endnotes.xml", CT + "endnotes+xml"))
        ov += [("/word/" + h[0], CT + "header+xml") for h in self.headers]
        ov += [("/word/" + f[0], CT + "footer+xml") for f in self.footers]
        ov += [("/word/fontTable.xml", CT + "fontTable+xml"),
               ("/word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
               ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
               ("/docProps/app.xml",
                "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
        png = '<Default Extension="png" ContentType="image/png"/>' if self.media else ""
        return (DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '%s<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>%s'
                '</Types>' % (png, "".join('<Override PartName="%s" ContentType="%s"/>' % o
                                           for o in ov)))

    def settings_xml(self):
        mm = ""
        if self.mail_merge_csv:
            odso = "".join(
                '<w:fieldMapData><w:type w:val="dbColumn"/><w:name w:val="%s"/><w:mappedName '
                'w:val="%s"/><w:column w:val="%d"/><w:lid w:val="%s"/></w:fieldMapData>'
                % (f, m, c, self.lang) for f, m, c in self.odso)
            if self.address_map is not None:
                # As Word writes Match Fields: one w:fieldMapData per address field, in Word's fixed
                # order (Unique Identifier, Courtesy Title, First Name, ...), the mapped ones naming
                # their column; w:mappedName is in the saving Word's display language.
                odso = "".join(
                    ('<w:fieldMapData><w:type w:val="dbColumn"/><w:name w:val="%s"/><w:mappedName '
                     'w:val="%s"/><w:column w:val="%d"/><w:lid w:val="%s"/></w:fieldMapData>'
                     % (esc_attr(self.address_map[k][0]), esc_attr(self.address_map[k][1]), k, self.lang))
                    if k in self.address_map else
                    '<w:fieldMapData><w:column w:val="0"/><w:lid w:val="%s"/></w:fieldMapData>' % self.lang
                    for k in range(30))
            mm = ('<w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:linkToQuery/>'
                  '<w:dataType w:val="textFile"/><w:connectString w:val=""/><w:query w:val="SELECT * '
                  'FROM %s"/><w:dataSource r:id="rId1"/><w:odso><w:udl w:val=""/><w:table w:val=""/>'
                  '<w:src r:id="rId2"/><w:colDelim w:val="44"/><w:fHdr/>%s</w:odso></w:mailMerge>'
                  % (esc_attr(self.mail_merge_csv), odso))
        notes = ""
        if self.footnotes:
            notes += '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
        if self.endnotes:
            notes += '<w:endnotePr><w:endnote w:id="-1"/><w:endnote w:id="0"/></w:endnotePr>'
        rsids = "".join('<w:rsid w:val="%s"/>' % r for r in sorted(self.rsids))
        dec, lst = (",", ";") if self.lang.startswith("nb") else (".", ",")
        return (DECL + '<w:settings %s><w:zoom w:percent="100"/><w:proofState w:spelling="clean" '
                'w:grammar="clean"/>%s<w:defaultTabStop w:val="708"/><w:hyphenationZone w:val="425"/>'
                '<w:characterSpacingControl w:val="doNotCompress"/><w:hdrShapeDefaults>'
                '<o:shapedefaults v:ext="edit" spidmax="2049"/></w:hdrShapeDefaults>%s<w:compat>'
                '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/'
                'office/word" w:val="15"/><w:compatSetting w:name="overrideTableStyleFontSizeAnd'
                'Justification" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
                '<w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.'
                'com/office/word" w:val="1"/><w:compatSetting w:name="doNotFlipMirrorIndents" '
                'w:uri="http://schemas.microsoft.com/office/word" w:val="1"/><w:compatSetting '
                'w:name="differentiateMultirowTableHeaders" w:uri="http://schemas.microsoft.com/'
                'office/word" w:val="1"/><w:compatSetting w:name="useWord2013TrackBottomHyphenation" '
                'w:uri="http://schemas.microsoft.com/office/word" w:val="0"/></w:compat><w:rsids>'
                '<w:rsidRoot w:val="%s"/>%s</w:rsids><m:mathPr><m:mathFont m:val="Cambria Math"/>'
                '<m:brkBin m:val="before"/><m:brkBinSub m:val="--"/><m:smallFrac m:val="0"/>'
                '<m:dispDef/><m:lMargin m:val="0"/><m:rMargin m:val="0"/><m:defJc '
                'm:val="centerGroup"/><m:wrapIndent m:val="1440"/><m:intLim m:val="subSup"/>'
                '<m:naryLim m:val="undOvr"/></m:mathPr><w:themeFontLang w:val="%s"/>'
                '<w:clrSchemeMapping w:bg1="light1" w:t1="dark1" w:bg2="light2" w:t2="dark2" '
                'w:accent1="accent1" w:accent2="accent2" w:accent3="accent3" w:accent4="accent4" '
                'w:accent5="accent5" w:accent6="accent6" w:hyperlink="hyperlink" '
                'w:followedHyperlink="followedHyperlink"/><w:shapeDefaults><o:shapedefaults '
                'v:ext="edit" spidmax="2049"/><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" '
                'data="1"/></o:shapelayout></w:shapeDefaults><w:decimalSymbol w:val="%s"/>'
                '<w:listSeparator w:val="%s"/><w14:docId w14:val="5E3A1C7B"/>'
                '<w15:chartTrackingRefBased/><w15:docId w15:val="{8B2F4C1D-7A3E-4F9B-9C2D-'
                '1E5F6A7B8C9D}"/></w:settings>'
                % (W_NS_SHORT, mm, notes, self.root, rsids, self.lang, dec, lst))


def write_zip(path, entries):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries:
            zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0
            z.writestr(zi, data if isinstance(data, bytes) else data.encode("utf-8"),
                       compresslevel=6)
    with open(path, "wb") as f:
        f.write(buf.getvalue())


W_NS_SHORT = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
              'xmlns:o="urn:schemas-microsoft-com:office:office" '
              'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
              'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
              'xmlns:v="urn:schemas-microsoft-com:vml" '
              'xmlns:w10="urn:schemas-microsoft-com:office:word" '
              'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
              'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
              'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
              'xmlns:w16cex="http://schemas.microsoft.com/office/word/2018/wordml/cex" '
              'xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid" '
              'xmlns:w16="http://schemas.microsoft.com/office/word/2018/wordml" '
              'xmlns:w16du="http://schemas.microsoft.com/office/word/2023/wordml/word16du" '
              'xmlns:w16sdtdh="http://schemas.microsoft.com/office/word/2020/wordml/sdtdatahash" '
              'xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex" '
              'xmlns:sl="http://schemas.openxmlformats.org/schemaLibrary/2006/main" '
              'mc:Ignorable="w14 w15 w16se w16cid w16 w16cex w16sdtdh w16du"')


# --------------------------------------------------------------------------- styles.xml
def latent_style_names():
    n = ["Normal"] + ["heading %d" % i for i in range(1, 10)]
    n += ["index %d" % i for i in range(1, 10)] + ["toc %d" % i for i in range(1, 10)]
    n += ["Normal Indent", "footnote text", "annotation text", "header", "footer",
          "index heading", "caption", "table of figures", "envelope address", "envelope return",
          "footnote reference", "annotation reference", "line number", "page number",
          "endnote reference", "endnote text", "table of authorities", "macro", "toa heading",
          "List", "List Bullet", "List Number", "List 2", "List 3", "List 4", "List 5"]
    n += ["List Bullet %d" % i for i in range(2, 6)] + ["List Number %d" % i for i in range(2, 6)]
    n += ["Title", "Closing", "Signature", "Default Paragraph Font", "Body Text",
          "Body Text Indent", "List Continue"] + ["List Continue %d" % i for i in range(2, 6)]
    n += ["Message Header", "Subtitle", "Salutation", "Date", "Body Text First Indent",
          "Body Text First Indent 2", "Note Heading", "Body Text 2", "Body Text 3",
          "Body Text Indent 2", "Body Text Indent 3", "Block Text", "Hyperlink",
          "FollowedHyperlink", "Strong", "Emphasis", "Document Map", "Plain Text",
          "E-mail Signature", "HTML Top of Form", "HTML Bottom of Form", "Normal (Web)",
          "HTML Acronym", "HTML Address", "HTML Cite", "HTML Code", "HTML Definition",
          "HTML Keyboard", "HTML Preformatted", "HTML Sample", "HTML Typewriter", "HTML Variable",
          "Normal Table", "annotation subject", "No List", "Outline List 1", "Outline List 2",
          "Outline List 3"]
    n += ["Table Simple %d" % i for i in range(1, 4)] + ["Table Classic %d" % i for i in range(1, 5)]
    n += ["Table Colorful %d" % i for i in range(1, 4)] + ["Table Columns %d" % i for i in range(1, 6)]
    n += ["Table Grid %d" % i for i in range(1, 9)] + ["Table List %d" % i for i in range(1, 9)]
    n += ["Table 3D effects %d" % i for i in range(1, 4)]
    n += ["Table Contemporary", "Table Elegant", "Table Professional", "Table Subtle 1",
          "Table Subtle 2", "Table Web 1", "Table Web 2", "Table Web 3", "Balloon Text",
          "Table Grid", "Table Theme", "Placeholder Text", "No Spacing"]
    old = ["Light Shading", "Light List", "Light Grid", "Medium Shading 1", "Medium Shading 2",
           "Medium List 1", "Medium List 2", "Medium Grid 1", "Medium Grid 2", "Medium Grid 3",
           "Dark List", "Colorful Shading", "Colorful List", "Colorful Grid"]
    n += old
    for a in range(1, 7):
        n += ["%s Accent %d" % (s, a) for s in old]
        if a == 1:
            n += ["Revision", "List Paragraph", "Quote", "Intense Quote"]
    n += ["Subtle Emphasis", "Intense Emphasis", "Subtle Reference", "Intense Reference",
          "Book Title", "Bibliography", "TOC Heading"]
    n += ["Plain Table %d" % i for i in range(1, 6)] + ["Grid Table Light"]
    for kind in ("Grid", "List"):
        base = ["%s Table 1 Light" % kind] + ["%s Table %d" % (kind, i) for i in range(2, 6)]
        base += ["%s Table 6 Colorful" % kind, "%s Table 7 Colorful" % kind]
        n += base
        for a in range(1, 7):
            n += ["%s Accent %d" % (s, a) for s in base]
    n += ["Mention", "Smart Hyperlink", "Hashtag", "Unresolved Mention", "Smart Link"]
    return n


def styles_xml(lang, rs):
    names = latent_style_names()
    prio = {"Normal": 0, "Title": 10, "Subtitle": 11, "Strong": 22, "Emphasis": 20,
            "Table Grid": 39, "Placeholder Text": None, "No Spacing": 1, "List Paragraph": 34,
            "Quote": 29, "Intense Quote": 30, "Default Paragraph Font": 1, "caption": 35,
            "Bibliography": 37, "TOC Heading": 39}
    qformat = {"Normal", "Title", "Subtitle", "Strong", "Emphasis", "No Spacing",
               "List Paragraph", "Quote", "Intense Quote", "caption", "Subtle Emphasis",
               "Intense Emphasis", "Subtle Reference", "Intense Reference", "Book Title",
               "TOC Heading"} | {"heading %d" % i for i in range(1, 10)}
    lsd = []
    for k, name in enumerate(names):
        a = ' w:name="%s"' % name
        hidden = (name.startswith(("index", "toc ", "heading 2", "heading 3", "heading 4",
                                   "heading 5", "heading 6", "heading 7", "heading 8", "heading 9"))
                  or name[0].islower() or name.startswith(("List", "Table ", "HTML", "Body",
                                                            "Normal ", "E-mail", "Plain Text",
                                                            "Outline", "Balloon", "Document Map",
                                                            "Message", "Note", "Closing",
                                                            "Signature", "Salutation", "Date",
                                                            "Block", "Hyperlink", "Followed",
                                                            "Placeholder", "Revision",
                                                            "Bibliography", "TOC Heading",
                                                            "Mention", "Smart", "Hashtag",
                                                            "Unresolved")))
        if name in prio and prio[name] is not None:
            a += ' w:uiPriority="%d"' % prio[name]
        elif name.startswith("heading"):
            a += ' w:uiPriority="9"'
        elif name.startswith("toc "):
            a += ' w:uiPriority="39"'
        elif "Table" in name and ("Grid Table" in name or "List Table" in name or "Plain" in name):
            a += ' w:uiPriority="%d"' % (40 + k % 13)
        elif "Accent" in name or name in ("Light Shading", "Light List", "Light Grid"):
            a += ' w:uiPriority="%d"' % (60 + k % 14)
        if hidden and not name.startswith(("Grid Table", "List Table", "Plain Table")):
            a += ' w:semiHidden="1" w:unhideWhenUsed="1"'
        if name in qformat:
            a += ' w:qFormat="1"'
        lsd.append("<w:lsdException%s/>" % a)
    ns = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
          'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
          'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
          'xmlns:w16cex="http://schemas.microsoft.com/office/word/2018/wordml/cex" '
          'xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid" '
          'xmlns:w16="http://schemas.microsoft.com/office/word/2018/wordml" '
          'xmlns:w16du="http://schemas.microsoft.com/office/word/2023/wordml/word16du" '
          'xmlns:w16sdtdh="http://schemas.microsoft.com/office/word/2020/wordml/sdtdatahash" '
          'xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex" '
          'mc:Ignorable="w14 w15 w16se w16cid w16 w16cex w16sdtdh w16du"')
    defaults = (
        '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" '
        'w:eastAsiaTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/>'
        '<w:kern w:val="2"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="%s" '
        'w:eastAsia="en-US" w:bidi="ar-SA"/><w14:ligatures w14:val="standardContextual"/></w:rPr>'
        '</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" '
        'w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' % lang)
    latent = ('<w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="0" '
              'w:defUnhideWhenUsed="0" w:defQFormat="0" w:count="%d">%s</w:latentStyles>'
              % (len(names), "".join(lsd)))
    R0, R1, R8 = rs[0], rs[1], rs[8]
    st = [
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        '<w:qFormat/><w:rsid w:val="%s"/></w:style>' % R0,
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:link w:val="Heading1Char"/>'
        '<w:uiPriority w:val="9"/><w:qFormat/><w:rsid w:val="%s"/><w:pPr><w:keepNext/>'
        '<w:keepLines/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr>'
        '<w:rPr><w:rFonts w:asciiTheme="majorHAnsi" w:eastAsiaTheme="majorEastAsia" '
        'w:hAnsiTheme="majorHAnsi" w:cstheme="majorBidi"/><w:color w:val="2F5496" '
        'w:themeColor="accent1" w:themeShade="BF"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>'
        '</w:style>' % R1,
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name '
        'w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        '<w:unhideWhenUsed/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" '
        'w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '</w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        '<w:style w:type="character" w:customStyle="1" w:styleId="Heading1Char"><w:name '
        'w:val="Heading 1 Char"/><w:basedOn w:val="DefaultParagraphFont"/><w:link w:val="Heading1"/>'
        '<w:uiPriority w:val="9"/><w:rsid w:val="%s"/><w:rPr><w:rFonts w:asciiTheme="majorHAnsi" '
        'w:eastAsiaTheme="majorEastAsia" w:hAnsiTheme="majorHAnsi" w:cstheme="majorBidi"/>'
        '<w:color w:val="2F5496" w:themeColor="accent1" w:themeShade="BF"/><w:sz w:val="28"/>'
        '<w:szCs w:val="28"/></w:rPr></w:style>' % R1,
        '<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn '
        'w:val="Normal"/><w:link w:val="HeaderChar"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:rsid w:val="%s"/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4536"/><w:tab '
        'w:val="right" w:pos="9072"/></w:tabs><w:spacing w:after="0" w:line="240" '
        'w:lineRule="auto"/></w:pPr></w:style>' % R1,
        '<w:style w:type="character" w:customStyle="1" w:styleId="HeaderChar"><w:name '
        'w:val="Header Char"/><w:basedOn w:val="DefaultParagraphFont"/><w:link w:val="Header"/>'
        '<w:uiPriority w:val="99"/><w:rsid w:val="%s"/></w:style>' % R1,
        '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn '
        'w:val="Normal"/><w:link w:val="FooterChar"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:rsid w:val="%s"/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4536"/><w:tab '
        'w:val="right" w:pos="9072"/></w:tabs><w:spacing w:after="0" w:line="240" '
        'w:lineRule="auto"/></w:pPr></w:style>' % R1,
        '<w:style w:type="character" w:customStyle="1" w:styleId="FooterChar"><w:name '
        'w:val="Footer Char"/><w:basedOn w:val="DefaultParagraphFont"/><w:link w:val="Footer"/>'
        '<w:uiPriority w:val="99"/><w:rsid w:val="%s"/></w:style>' % R1,
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn '
        'w:val="TableNormal"/><w:uiPriority w:val="39"/><w:rsid w:val="%s"/><w:pPr><w:spacing '
        'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:tblPr><w:tblBorders><w:top '
        'w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" '
        'w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        '<w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" '
        'w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" '
        'w:color="auto"/></w:tblBorders></w:tblPr></w:style>' % R8,
        '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>'
        '<w:basedOn w:val="Normal"/><w:link w:val="FootnoteTextChar"/><w:uiPriority w:val="99"/>'
        '<w:semiHidden/><w:unhideWhenUsed/><w:rsid w:val="%s"/><w:pPr><w:spacing w:after="0" '
        'w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/>'
        '</w:rPr></w:style>' % R1,
        '<w:style w:type="character" w:customStyle="1" w:styleId="FootnoteTextChar"><w:name '
        'w:val="Footnote Text Char"/><w:basedOn w:val="DefaultParagraphFont"/><w:link '
        'w:val="FootnoteText"/><w:uiPriority w:val="99"/><w:semiHidden/><w:rsid w:val="%s"/>'
        '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>' % R1,
        '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote '
        'reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/>'
        '<w:semiHidden/><w:unhideWhenUsed/><w:rsid w:val="%s"/><w:rPr><w:vertAlign '
        'w:val="superscript"/></w:rPr></w:style>' % R1,
        '<w:style w:type="paragraph" w:styleId="EndnoteText"><w:name w:val="endnote text"/>'
        '<w:basedOn w:val="Normal"/><w:link w:val="EndnoteTextChar"/><w:uiPriority w:val="99"/>'
        '<w:semiHidden/><w:unhideWhenUsed/><w:rsid w:val="%s"/><w:pPr><w:spacing w:after="0" '
        'w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/>'
        '</w:rPr></w:style>' % R1,
        '<w:style w:type="character" w:customStyle="1" w:styleId="EndnoteTextChar"><w:name '
        'w:val="Endnote Text Char"/><w:basedOn w:val="DefaultParagraphFont"/><w:link '
        'w:val="EndnoteText"/><w:uiPriority w:val="99"/><w:semiHidden/><w:rsid w:val="%s"/>'
        '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>' % R1,
        '<w:style w:type="character" w:styleId="EndnoteReference"><w:name w:val="endnote '
        'reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/>'
        '<w:semiHidden/><w:unhideWhenUsed/><w:rsid w:val="%s"/><w:rPr><w:vertAlign '
        'w:val="superscript"/></w:rPr></w:style>' % R1,
        '<w:style w:type="character" w:styleId="PlaceholderText"><w:name w:val="Placeholder Text"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        '<w:rsid w:val="%s"/><w:rPr><w:color w:val="666666"/></w:rPr></w:style>' % R1,
    ]
    return DECL + "<w:styles %s>%s%s%s</w:styles>" % (ns, defaults, latent, "".join(st))


# --------------------------------------------------------------------------- theme1.xml
def theme_xml():
    scripts_major = [("Jpan", "游ゴシック Light"), ("Hang", "맑은 고딕"), ("Hans", "等线 Light"),
                     ("Hant", "新細明體")]
    scripts_minor = [("Jpan", "游明朝"), ("Hang", "맑은 고딕"), ("Hans", "等线"), ("Hant", "新細明體")]
    common_major = [("Arab", "Times New Roman"), ("Hebr", "Times New Roman"), ("Thai", "Angsana New")]
    common_minor = [("Arab", "Arial"), ("Hebr", "Arial"), ("Thai", "Cordia New")]
    rest = [("Ethi", "Nyala"), ("Beng", "Vrinda"), ("Gujr", "Shruti"), ("Khmr", "MoolBoran"),
            ("Knda", "Tunga"), ("Guru", "Raavi"), ("Cans", "Euphemia"),
            ("Cher", "Plantagenet Cherokee"), ("Yiii", "Microsoft Yi Baiti"),
            ("Tibt", "Microsoft Himalaya"), ("Thaa", "MV Boli"), ("Deva", "Mangal"),
            ("Telu", "Gautami"), ("Taml", "Latha"), ("Syrc", "Estrangelo Edessa"),
            ("Orya", "Kalinga"), ("Mlym", "Kartika"), ("Laoo", "DokChampa"),
            ("Sinh", "Iskoola Pota"), ("Mong", "Mongolian Baiti"), ("Viet", "Times New Roman"),
            ("Uigh", "Microsoft Uighur"), ("Geor", "Sylfaen"), ("Armn", "Arial"),
            ("Bugi", "Leelawadee UI"), ("Bopo", "Microsoft JhengHei"), ("Java", "Javanese Text"),
            ("Lisu", "Segoe UI"), ("Mymr", "Myanmar Text"), ("Nkoo", "Ebrima"),
            ("Olck", "Nirmala UI"), ("Osma", "Ebrima"), ("Phag", "Phagspa"),
            ("Syrn", "Estrangelo Edessa"), ("Syrj", "Estrangelo Edessa"),
            ("Syre", "Estrangelo Edessa"), ("Sora", "Nirmala UI"), ("Tale", "Microsoft Tai Le"),
            ("Talu", "Microsoft New Tai Lue"), ("Tfng", "Ebrima")]

    def font(tag, latin, panose, scripts):
        return ('<a:%s><a:latin typeface="%s" panose="%s"/><a:ea typeface=""/><a:cs typeface=""/>%s'
                '</a:%s>' % (tag, latin, panose, "".join(
                    '<a:font script="%s" typeface="%s"/>' % s for s in scripts), tag))

    def gs(pos, mods):
        return '<a:gs pos="%d"><a:schemeClr val="phClr">%s</a:schemeClr></a:gs>' % (
            pos, "".join('<a:%s val="%d"/>' % m for m in mods))

    def grad(stops):
        return ('<a:gradFill rotWithShape="1"><a:gsLst>%s</a:gsLst><a:lin ang="5400000" '
                'scaled="0"/></a:gradFill>' % "".join(gs(p, m) for p, m in stops))

    def ln(wdt):
        return ('<a:ln w="%d" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr '
                'val="phClr"/></a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>'
                % wdt)

    clr = ('<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
           '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/>'
           '</a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>' + "".join(
               '<a:accent%d><a:srgbClr val="%s"/></a:accent%d>' % (i + 1, c, i + 1) for i, c in
               enumerate(["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"]))
           + '<a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/>'
           '</a:folHlink></a:clrScheme>')
    fonts = ('<a:fontScheme name="Office">'
             + font("majorFont", "Calibri Light", "020F0302020204030204",
                    scripts_major + common_major + rest)
             + font("minorFont", "Calibri", "020F0502020204030204",
                    scripts_minor + common_minor + rest)
             + '</a:fontScheme>')
    fmt = ('<a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/>'
           '</a:solidFill>'
           + grad([(0, [("lumMod", 110000), ("satMod", 105000), ("tint", 67000)]),
                   (50000, [("lumMod", 105000), ("satMod", 103000), ("tint", 73000)]),
                   (100000, [("lumMod", 105000), ("satMod", 109000), ("tint", 81000)])])
           + grad([(0, [("satMod", 103000), ("lumMod", 102000), ("tint", 94000)]),
                   (50000, [("satMod", 110000), ("lumMod", 100000), ("shade", 100000)]),
                   (100000, [("lumMod", 99000), ("satMod", 120000), ("shade", 78000)])])
           + '</a:fillStyleLst><a:lnStyleLst>' + ln(6350) + ln(12700) + ln(19050)
           + '</a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle>'
           '<a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst><a:outerShdw '
           'blurRad="57150" dist="19050" dir="5400000" algn="ctr" rotWithShape="0"><a:srgbClr '
           'val="000000"><a:alpha val="63000"/></a:srgbClr></a:outerShdw></a:effectLst>'
           '</a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr '
           'val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"><a:tint val="95000"/>'
           '<a:satMod val="170000"/></a:schemeClr></a:solidFill>'
           + grad([(0, [("tint", 93000), ("satMod", 150000), ("shade", 98000), ("lumMod", 102000)]),
                   (50000, [("tint", 98000), ("satMod", 130000), ("shade", 90000), ("lumMod", 103000)]),
                   (100000, [("shade", 63000), ("satMod", 120000)])])
           + '</a:bgFillStyleLst></a:fmtScheme>')
    return (DECL + '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'name="Office Theme"><a:themeElements>' + clr + fonts + fmt + '</a:themeElements>'
            '<a:objectDefaults/><a:extraClrSchemeLst/><a:extLst><a:ext '
            'uri="{05A4C25C-085E-4340-85A3-A5531E510DB2}"><thm15:themeFamily '
            'xmlns:thm15="http://schemas.microsoft.com/office/thememl/2012/main" name="Office Theme" '
            'id="{62F939B6-93AF-4DB8-9C6B-D6C7DFDC589F}" vid="{4A3C46E8-61CC-4603-A589-7422A47A8E4A}"/>'
            '</a:ext></a:extLst></a:theme>')


def font_table_xml():
    fonts = [
        ("Calibri", "020F0502020204030204", "00", "swiss", "variable",
         '<w:sig w:usb0="E4002EFF" w:usb1="C200247B" w:usb2="00000009" w:usb3="00000000" '
         'w:csb0="000001FF" w:csb1="00000000"/>'),
        ("Times New Roman", "02020603050405020304", "00", "roman", "variable",
         '<w:sig w:usb0="E0002EFF" w:usb1="C000785B" w:usb2="00000009" w:usb3="00000000" '
         'w:csb0="000001FF" w:csb1="00000000"/>'),
        ("Calibri Light", "020F0302020204030204", "00", "swiss", "variable",
         '<w:sig w:usb0="E4002EFF" w:usb1="C200247B" w:usb2="00000009" w:usb3="00000000" '
         'w:csb0="000001FF" w:csb1="00000000"/>'),
    ]
    body = "".join(
        '<w:font w:name="%s"><w:panose1 w:val="%s"/><w:charset w:val="%s"/><w:family w:val="%s"/>'
        '<w:pitch w:val="%s"/>%s</w:font>' % f for f in fonts)
    return (DECL + '<w:fonts xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
            'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
            'xmlns:w16cex="http://schemas.microsoft.com/office/word/2018/wordml/cex" '
            'xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid" '
            'xmlns:w16="http://schemas.microsoft.com/office/word/2018/wordml" '
            'xmlns:w16du="http://schemas.microsoft.com/office/word/2023/wordml/word16du" '
            'xmlns:w16sdtdh="http://schemas.microsoft.com/office/word/2020/wordml/sdtdatahash" '
            'xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex" '
            'mc:Ignorable="w14 w15 w16se w16cid w16 w16cex w16sdtdh w16du">%s</w:fonts>' % body)


def web_settings_xml():
    return (DECL + '<w:webSettings xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
            'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
            'xmlns:w16cex="http://schemas.microsoft.com/office/word/2018/wordml/cex" '
            'xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid" '
            'xmlns:w16="http://schemas.microsoft.com/office/word/2018/wordml" '
            'xmlns:w16du="http://schemas.microsoft.com/office/word/2023/wordml/word16du" '
            'xmlns:w16sdtdh="http://schemas.microsoft.com/office/word/2020/wordml/sdtdatahash" '
            'xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex" '
            'mc:Ignorable="w14 w15 w16se w16cid w16 w16cex w16sdtdh w16du"><w:optimizeForBrowser/>'
            '<w:allowPNG/></w:webSettings>')


def core_xml(title, creator):
    return (DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>%s</dc:title>'
            '<dc:subject></dc:subject><dc:creator>%s</dc:creator><cp:keywords></cp:keywords>'
            '<dc:description></dc:description><cp:lastModifiedBy>%s</cp:lastModifiedBy>'
            '<cp:revision>9</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">'
            '2026-10-27T09:12:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">'
            '2026-11-18T14:41:00Z</dcterms:modified></cp:coreProperties>'
            % (esc(title), esc(creator), esc(creator)))


def app_xml(company, words, chars):
    return (DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
            'docPropsVTypes"><Template>Normal.dotm</Template><TotalTime>38</TotalTime><Pages>1'
            '</Pages><Words>%d</Words><Characters>%d</Characters><Application>Microsoft Office Word'
            '</Application><DocSecurity>0</DocSecurity><Lines>%d</Lines><Paragraphs>%d</Paragraphs>'
            '<ScaleCrop>false</ScaleCrop><Company>%s</Company><LinksUpToDate>false</LinksUpToDate>'
            '<CharactersWithSpaces>%d</CharactersWithSpaces><SharedDoc>false</SharedDoc>'
            '<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>'
            % (words, chars, chars // 70 + 1, chars // 300 + 1, esc(company), chars + words))


# --------------------------------------------------------------------------- logo PNG
def logo_png(width=180, height=54):
    """A small RGB logo: an aurora band over a dark sky (deterministic, PNG 'Sub' filter)."""
    rows = []
    seed = 24680
    for y in range(height):
        px = []
        for x in range(width):
            band = 0.5 + 0.5 * math.sin(x / 23.0 + y / 17.0)
            dist = abs(y - (height * 0.45 + 8 * math.sin(x / 31.0)))
            glow = max(0.0, 1.0 - dist / 14.0)
            r = int(12 + 40 * glow * band)
            g = int(24 + 200 * glow)
            b = int(52 + 120 * glow * (1 - band) + 30 * y / height)
            seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
            if seed % 1499 == 0:
                r = g = b = 250
            px.append((min(r, 255), min(g, 255), min(b, 255)))
        row = bytearray([1])
        prev = (0, 0, 0)
        for p in px:
            row += bytes(((p[0] - prev[0]) & 255, (p[1] - prev[1]) & 255, (p[2] - prev[2]) & 255))
            prev = p
        rows.append(bytes(row))

    def chunk(tag, data):
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"pHYs", struct.pack(">IIB", 3780, 3780, 1))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


# --------------------------------------------------------------------------- sample data
CONTACT_COLUMNS = ["No", "Type", "Name", "CompanyNo", "CompanyName", "FirstName", "Surname",
                   "JobTitle", "Salutation", "Address", "Address2", "PostCode", "City", "County",
                   "CountryCode", "Email", "Phone", "Mobile", "LanguageCode", "SalespersonCode",
                   "CorrespondenceType", "ExcludeFromSegment", "PrivacyBlocked", "Industry"]

# No, Name, Address, Address2, PostCode, City, County, CountryCode, Phone, Email, Language,
# Salesperson, Correspondence, Industry
COMPANIES = [
    ("CT000010", "Fjordvik Arkitekter AS", "Tollbugata 24", "", "0157", "Oslo", "Oslo", "NO",
     "+47 22 33 41 00", "post@fjordvik.no", "nb", "IS", "hard-copy", "Architecture"),
    ("CT000020", "Havørn Shipping AS", "Strandkaien 3", "Postboks 1180 Sentrum", "5013", "Bergen",
     "Vestland", "NO", "+47 55 21 60 00", "office@havorn-shipping.no", "en", "TB", "email",
     "Shipping"),
    ("CT000030", "Bjørklund & Dæhlie Advokatfirma DA", "Munkegata 19", "3. etasje", "7011",
     "Trondheim", "Trøndelag", "NO", "+47 73 80 12 50", "post@bdadvokat.no", "nb", "IS",
     "hard-copy", "Legal services"),
    ("CT000040", "Sjöberg & Ek Konsult AB", "Kungsportsavenyen 21", "", "411 36", "Göteborg",
     "Västra Götaland", "SE", "+46 31 711 24 00", "info@sjobergek.se", "sv", "KL", "email",
     "Consulting"),
    ("CT000050", "Kløvermarken Revision ApS", "Amagerbrogade 112", "1. sal", "2300",
     "København S", "Hovedstaden", "DK", "+45 32 54 18 90", "kontakt@kloevermarken.dk", "da", "KL",
     "hard-copy", "Accounting"),
    ("CT000060", "Müller & Schäfer Bürotechnik GmbH", "Große Elbstraße 145", "", "22767",
     "Hamburg", "Hamburg", "DE", "+49 40 3890 1100", "info@mueller-schaefer.de", "en", "TB",
     "email", "Office equipment"),
    ("CT000070", "Nordkapp Sjømat AS", 'Stakkevollvegen 5, "Gamle Tollbod"', "", "9010", "Tromsø",
     "Troms", "NO", "+47 77 60 44 00", "post@nordkappsjomat.no", "nb", "TB", "", "Seafood"),
    ("CT000080", "Ålesund Elektro AS", "Grimmergata 7", "Postboks 455", "6002", "Ålesund",
     "Møre og Romsdal", "NO", "+47 70 11 82 00", "firmapost@aalesund-elektro.no", "", "IS",
     "hard-copy", "Electrical installation"),
    ("CT000090", "Östra Hamnens Logistik AB", "Hamnplan 14", "", "211 20", "Malmö", "Skåne", "SE",
     "+46 40 615 77 00", "info@ostrahamnen.se", "sv", "KL", "", "Logistics"),
    ("CT000100", "Grünwald Medizintechnik AG", "Leopoldstraße 244", "Gebäude B", "80807",
     "München", "Bayern", "DE", "+49 89 2154 3300", "kontakt@gruenwald-med.de", "", "TB",
     "hard-copy", "Medical technology"),
]

# No, FirstName, Surname, JobTitle, Salutation, email?, Mobile, Language, Correspondence,
# company name filled?, flags
PERSONS = [
    ("CT000011", "Åse", "Ødegård", "Daglig leder", "", True, "+47 913 45 210", "nb", "hard-copy", True, ""),
    ("CT000012", "Bjørn Kåre", "Haugen", "Partner", "Herr", True, "+47 922 18 774", "nb", "email", True, ""),
    ("CT000013", "Synnøve", "Lærum", "Arkitekt", "Fru", False, "+47 480 61 395", "nb", "hard-copy", False, ""),
    ("CT000014", "Trond", "Østby", "Kontorsjef", "", True, "", "nb", "", True, "exclude"),
    ("CT000015", "Ingeborg", "Strøm-Hansen", "Innkjøpsansvarlig", "Ms", True, "+47 997 02 118", "nb", "email", True, ""),
    ("CT000021", "Magnus", "Sæther", "CEO", "Mr", True, "+47 905 33 871", "en", "email", True, ""),
    ("CT000022", "Kristin", "Bråten", "Office Manager", "Ms", True, "+47 941 27 650", "en", "email", False, ""),
    ("CT000023", "Øyvind", "Aasen", "Fleet Director", "Mr", True, "+47 918 80 432", "en", "hard-copy", True, ""),
    ("CT000024", "Sølvi", "Grønli", "HR-rådgiver", "", True, "+47 926 55 019", "nb", "", True, ""),
    ("CT000025", "Jonas", "Berg", "Procurement Officer", "Mr", True, "", "en", "email", True, ""),
    ("CT000031", "Ragnhild", "Bjørklund", "Partner", "Fru", True, "+47 932 10 884", "nb", "hard-copy", True, ""),
    ("CT000032", "Håkon", "Dæhlie", "Partner", "Herr", True, "+47 951 72 306", "nb", "hard-copy", False, ""),
    ("CT000033", "Marit", "Nygård", "Advokatfullmektig", "", True, "+47 473 19 920", "nb", "email", True, ""),
    ("CT000034", "Tormod", "Løvås", "Kontorleder", "", False, "", "nb", "hard-copy", True, "privacy"),
    ("CT000041", "Karin", "Sjöberg", "VD", "Ms", True, "+46 70 412 88 31", "sv", "email", True, ""),
    ("CT000042", "Anders", "Ek", "Senior konsult", "Mr", True, "+46 73 901 22 45", "sv", "email", False, ""),
    ("CT000043", "Märta", "Lindqvist", "Ekonomichef", "Ms", True, "", "sv", "hard-copy", True, ""),
    ("CT000044", "Björn", "Åkesson", "Kontorschef", "", True, "+46 76 318 04 12", "sv", "", True, ""),
    ("CT000051", "Søren", "Kjærgaard", "Statsautoriseret revisor", "Mr", True, "+45 21 44 87 10", "da", "hard-copy", True, ""),
    ("CT000052", "Mette", "Frøslev", "Kontorchef", "Ms", True, "+45 40 18 62 37", "da", "email", True, ""),
    ("CT000053", "Rasmus", "Østergaard", "Revisorassistent", "", True, "", "da", "email", False, ""),
    ("CT000061", "Jürgen", "Müller", "Geschäftsführer", "Mr", True, "+49 171 440 2210", "en", "email", True, ""),
    ("CT000062", "Käthe", "Schäfer", "Einkaufsleiterin", "Dr", True, "+49 160 918 3377", "", "email", True, ""),
    ("CT000063", "Uwe", "Köhler", "Vertrieb", "Mr", True, "", "en", "email", True, ""),
    ("CT000064", "Lena", "Weiß", "Assistentin der Geschäftsführung", "Ms", True, "+49 152 228 0941", "", "hard-copy", False, ""),
    ("CT000071", "Ægir", "Johansen", "Daglig leder", "", True, "+47 911 40 276", "nb", "hard-copy", True, ""),
    ("CT000072", "Gunnhild", "Kristiansen", "Økonomisjef", "Ms", True, "+47 482 93 115", "nb", "email", True, ""),
    ("CT000073", "Ørjan", "Nilsen", "Produksjonssjef", "", True, "+47 995 61 840", "nb", "", False, ""),
    ("CT000074", "Ida", "Pedersen", "Kvalitetsleder", "", True, "", "", "", True, ""),
    ("CT000081", "Jørgen", "Vik", "Daglig leder", "Herr", True, "+47 908 12 553", "nb", "hard-copy", True, ""),
    ("CT000082", "Hege", "Ålgård", "Prosjektleder", "Ms", True, "+47 934 70 281", "", "email", True, ""),
    ("CT000083", "Eirik", "Sandøy", "Servicetekniker", "", False, "+47 415 08 796", "", "hard-copy", True, ""),
    ("CT000091", "Göran", "Öberg", "Logistikchef", "Mr", True, "+46 70 655 19 03", "sv", "email", True, ""),
    ("CT000092", "Linnéa", "Håkansson", "Inköpare", "Ms", True, "+46 72 384 60 58", "sv", "email", False, ""),
    ("CT000093", "Per-Åke", "Lindén", "Lagerchef", "", True, "", "sv", "hard-copy", True, ""),
    ("CT000094", "Emma", "Nordström", "Kundtjänst", "Ms", True, "+46 73 240 71 96", "en", "", True, ""),
    ("CT000101", "Günther", "Grünwald", "Vorstand", "Dr", True, "+49 172 661 0480", "", "hard-copy", True, ""),
    ("CT000102", "Sabine", "Bäcker", "Leiterin Einkauf", "Ms", True, "+49 151 407 3392", "en", "email", True, ""),
    ("CT000103", "Tobias", "Jäger", "Facility Manager", "Mr", True, "", "en", "email", False, ""),
    ("CT000104", "Anna", "Schröder", "Office Managerin", "Ms", True, "+49 176 820 1135", "", "", True, ""),
]

# A few persons work somewhere else than the company's main address.
PERSON_ADDRESS = {
    "CT000024": ("Kalfarveien 31", "", "5018", "Bergen", "Vestland"),
    "CT000083": ("Fjelltunvegen 12B", "c/o Sandøy Service", "6008", "Ålesund", "Møre og Romsdal"),
}

PERSONAL_NOTES = {
    "CT000011": 'Takk for omvisningen i de nye lokalene deres!\nVi har satt av to "Fokus" hev/senk-'
                "pulter til dere – si fra innen 15. desember.",
    "CT000021": "Great to meet you at Nor-Shipping. As discussed: orders > 40 chairs get 12 % off "
                "& free assembly.",
    "CT000031": 'Hei Ragnhild!\nMøterommet "Nidaros" kan leveres før jul.\nPriser < 50 000 kr '
                "inkluderer montering & frakt.",
    "CT000052": "Tak for sidst – kataloget for 2027 ligger i kuverten.\nVenlig hilsen Kari",
    "CT000061": 'Vielen Dank für Ihren Besuch in Oslo.\nThe "Nordlys Akustik" panels <60 mm> are '
                "now available in RAL 7035 & 9010.",
    "CT000092": 'Vi skickar gärna ett tygprov av "Grå Ull" – hör av dig!',
}

SUBJECT = {"nb": "Ny rammeavtale for kontormøbler og rekvisita 2027",
           "en": "New framework agreement for office furniture and supplies 2027"}


def fold(s):
    out = s.lower()
    for a, b in (("æ", "ae"), ("ø", "o"), ("å", "a"), ("ä", "a"), ("ö", "o"), ("ü", "u"),
                 ("ß", "ss"), ("é", "e"), (" ", "."), ("-", "")):
        out = out.replace(a, b)
    return out


def contacts():
    rows = []
    company = {c[0]: c for c in COMPANIES}
    for c in COMPANIES:
        no, name, addr, addr2, post, city, county, cc, phone, email, lang, sp, corr, ind = c
        rows.append(dict(No=no, Type="company", Name=name, CompanyNo="", CompanyName=name,
                         FirstName="", Surname="", JobTitle="", Salutation="", Address=addr,
                         Address2=addr2, PostCode=post, City=city, County=county, CountryCode=cc,
                         Email=email, Phone=phone, Mobile="", LanguageCode=lang, SalespersonCode=sp,
                         CorrespondenceType=corr, ExcludeFromSegment="", PrivacyBlocked="",
                         Industry=ind))
        for p in PERSONS:
            pno, first, last, job, sal, has_mail, mobile, plang, pcorr, fill, flag = p
            if pno[:7] + "0" != no:
                continue
            a = PERSON_ADDRESS.get(pno, (addr, addr2, post, city, county))
            domain = email.split("@")[1]
            rows.append(dict(
                No=pno, Type="person", Name="%s %s" % (first, last), CompanyNo=no,
                CompanyName=name if fill else "", FirstName=first, Surname=last, JobTitle=job,
                Salutation=sal, Address=a[0], Address2=a[1], PostCode=a[2], City=a[3],
                County=a[4], CountryCode=cc,
                Email="%s.%s@%s" % (fold(first.split()[0]), fold(last), domain) if has_mail else "",
                Phone=phone[:-2] + pno[-2:], Mobile=mobile, LanguageCode=plang,
                SalespersonCode=sp, CorrespondenceType=pcorr,
                ExcludeFromSegment="yes" if flag == "exclude" else ("no" if pno.endswith("2") else ""),
                PrivacyBlocked="true" if flag == "privacy" else ("false" if pno.endswith("3") else ""),
                Industry=ind))
    return rows


LETTER_COLUMNS = ["ContactNo", "CompanyName", "FirstName", "Surname", "Salutation", "Address",
                  "Address2", "PostCode", "City", "CountryCode", "SalespersonCode", "Date",
                  "Subject", "PersonalNote"]


def letters(contact_rows):
    names = {r["No"]: r["Name"] for r in contact_rows if r["Type"] == "company"}
    out = []
    for r in contact_rows:
        if r["Type"] != "person" or r["PrivacyBlocked"] == "true":
            continue
        out.append(dict(
            ContactNo=r["No"], CompanyName=r["CompanyName"] or names[r["CompanyNo"]],
            FirstName=r["FirstName"], Surname=r["Surname"], Salutation=r["Salutation"],
            Address=r["Address"], Address2=r["Address2"], PostCode=r["PostCode"], City=r["City"],
            CountryCode=r["CountryCode"], SalespersonCode=r["SalespersonCode"], Date="2026-12-01",
            Subject=SUBJECT["nb" if r["LanguageCode"] == "nb" else "en"],
            PersonalNote=PERSONAL_NOTES.get(r["No"], "")))
    return out


def write_csv(path, columns, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow(columns)
        for r in rows:
            wr.writerow([r[c] for c in columns])


# --------------------------------------------------------------------------- fixture data
SPLIT_FIELDS_CSV = (
    ["ContactNo", "FirstName", "Surname", "CompanyName", "City", "Note"],
    [
        # empty optional values
        ["CT000901", "Ola", "Nordmann", "", "", ""],
        # & < > " ' and a two-line value
        ["CT000902", "Mary-Ann", "O'Brien", 'Smith & Sons <"Best"> Ltd', "Cork",
         "Line one & <more>\nLine two: \"quoted\" 'single'"],
        # non-ASCII
        ["CT000903", "Åsmund", "Øverbø-Strauß", "ÆØÅ Bygg æøå AS", "Tromsø",
         "Hilsen fra Ålesund – æøå ÆØÅ ß"],
    ])

MAILINGS_CSV = (
    ["Salutation", "Given Name", "Family Name", "Organisation", "Street", "Zip", "Town", "Country", "Level"],
    [
        # a person at a company at home (the excluded country is left out); gold
        ["Ms", "Kari", "Nordmann", "Fjordvik AS", "Storgata 1", "0150", "Oslo", "Norway", "Gold"],
        # abroad, no company, no title; & < > in values; silver
        ["", "Sean", "O'Brien & <Sons>", "", "1 Main St", "D02", "Dublin", "Ireland", "Silver"],
        # a company with no person name: no greeting name; gold; Norway
        ["", "", "", "Bergen Bygg AS", "Kaia 3", "5003", "Bergen", "Norway", "Gold"],
    ])

SWITCHES_CSV = (
    ["Name", "Title", "Address", "Address2", "City", "Date", "Amount"],
    [
        # empty optional values (Title, Address2); Amount below 1000; not Oslo
        ["ola nordmann", "", "Bryggen 1", "", "Bergen", "2026-12-01", "950"],
        # & < > " ' and a two-line Address; a date-time; a large amount; Oslo
        ["mary o'brien & sons", 'dr. <"chief"> & co', "Storgata 1\nBakgården", 'c/o "Tom & Jerry\'s" <rear>',
         "Oslo", "2026-03-07T14:30", "1234567.891"],
        # non-ASCII; just after midnight; exactly 1000
        ["åse østby", "øverste leder", "Æbleøvej 3", "Postboks 12 Sentrum", "Ålesund",
         "2026-12-24T00:30", "1000"],
    ])

FIXTURES_README = """\
# DocxMerge test fixtures

Word-shaped templates (the XML laid out as Word 2016+ saves it) and 3 data records each. Generated by
`python3 Templates/source/build_templates.py` (run from the project root); do not edit by hand.

- `word-split-fields.docx`: fields split the ways Word splits them: a MERGEFIELD instruction over 3 instrText runs with proofErr, a bookmark between begin and separate, empty runs, fldSimple `\\* Upper`, `MERGEFIELD "First Name"`, a `{{ Surname }}` placeholder over 3 runs, fields in a table cell, a text box (Choice + VML Fallback), header, footer (with a PAGE field), footnote and endnote.
- `word-split-fields.csv`: 3 records for it (empty optional values; `& < > " '` and a two-line Note; ÆØÅ æøå ß).
- `word-switches.docx`: `\\@` date pictures (nb-NO, en-US, unquoted), `\\#` number pictures (en-US, nb-NO), `\\b`, `\\f`, `\\* Caps/FirstCap/Lower`, a bold red field, IF with a numeric comparison and with a wildcard, and a 4-paragraph address block.
- `word-mailings.docx`: what Word's Mailings tab writes: Match Fields in settings.xml (positional `w:fieldMapData`), an
  Address Block over several instruction runs with `<w:cr/>` (`\\c 2 \\e "Norway"`), a Greeting Line as `w:fldSimple`, a
  `w:fldSimple` MERGEFIELD inside an IF (condition and text), a picture and bold text inside an IF, IF inside IF, an IF
  text over two paragraphs in a table cell, an IF in the header.
- `word-mailings.csv`: 3 records for it (a person at home, a person abroad with `& < >`, a company with no person).
- `word-switches.csv`: 3 records for it (empty Title/Address2; `& < > " '` and a two-line Address; ÆØÅ æøå ß).
"""


# --------------------------------------------------------------------------- main
def main():
    tdir = os.path.join(ROOT, "Templates")
    sdir = os.path.join(ROOT, "Samples")
    fdir = os.path.join(ROOT, "Tests", "DocxMergeTests", "Fixtures")
    written = []
    for lang in ("en", "nb"):
        path = os.path.join(tdir, "letter-%s.docx" % lang)
        build_letter(path, lang)
        written.append(path)
    crow = contacts()
    write_csv(os.path.join(sdir, "contacts.csv"), CONTACT_COLUMNS, crow)
    write_csv(os.path.join(sdir, "letters.csv"), LETTER_COLUMNS, letters(crow))
    written += [os.path.join(sdir, "contacts.csv"), os.path.join(sdir, "letters.csv")]
    build_split_fields(os.path.join(fdir, "word-split-fields.docx"))
    build_switches(os.path.join(fdir, "word-switches.docx"))
    build_mailings(os.path.join(fdir, "word-mailings.docx"))
    for name, (cols, rows) in (("word-split-fields", SPLIT_FIELDS_CSV),
                               ("word-switches", SWITCHES_CSV),
                               ("word-mailings", MAILINGS_CSV)):
        write_csv(os.path.join(fdir, name + ".csv"), cols, [dict(zip(cols, r)) for r in rows])
        written += [os.path.join(fdir, name + ".docx"), os.path.join(fdir, name + ".csv")]
    with open(os.path.join(fdir, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(FIXTURES_README)
    written.append(os.path.join(fdir, "README.md"))
    for p in written:
        print("wrote %s (%d bytes)" % (os.path.relpath(p, ROOT), os.path.getsize(p)))


if __name__ == "__main__":
    main()
