<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-tei-edition-toolkit"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>Quotation marks, decided once for the HTML and the plain text: which elements
      get marks and which marks. Included by html.xsl and text.xsl (after
      common/registers.xsl, for the key ed:id), which both write the marks that ed:quote-marks gives.</xd:desc>
  </xd:doc>

  <xd:doc><xd:desc>Is this element a quotation that runs on in its sentence: a q, a said
    (unless @direct="false", reported speech), or a quote without paragraphs or verse of its
    own, outside a citation whose quote is set off as a block (soCalled, mentioned and the
    like are not quotations: they are shown by their class, without marks).</xd:desc></xd:doc>
  <xsl:function name="ed:is-quotation" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el[self::q or self::said[not(@direct = 'false')]
      or self::quote[not(p or lg)][not(ancestor::cit[quote[p or lg]])]])"/>
  </xsl:function>

  <xd:doc><xd:desc>Does a quotation already carry its own marks: its text starts with a
    quotation mark, its @rend says the source shows them (pre(…), quotes, inline-marks), or
    its @rendition points to a rendition of scope before or after (whose CSS the HTML page
    carries)? Only the first non-blank text node is read, not the whole quotation.</xd:desc></xd:doc>
  <xsl:function name="ed:has-own-marks" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="first" select="substring(normalize-space(($el//text()[normalize-space()])[1]), 1, 1)"/>
    <xsl:sequence select="($first ne '' and contains('&quot;“”„‘’‚«»‹›''「『', $first))
      or matches(string($el/@rend), 'pre\(|quotes|inline-marks')
      or exists(tokenize(normalize-space($el/@rendition), ' ')[starts-with(., '#')]
                ! key('ed:id', substring(., 2), root($el))[self::rendition][@scope = ('before', 'after')])"/>
  </xsl:function>

  <xd:doc><xd:desc>A language's quotation marks (its primary subtag, ISO 639-1 or 639-2/3),
    as the Unicode CLDR gives them: the outer pair, then the inner pair. A language not listed
    gets the English marks.</xd:desc></xd:doc>
  <xsl:function name="ed:marks-of" as="xs:string+">
    <xsl:param name="lang" as="xs:string"/>
    <xsl:sequence select="
      if ($lang = ('de', 'ger', 'deu', 'cs', 'cze', 'ces', 'sk', 'slo', 'slk', 'sl', 'slv', 'is', 'ice', 'isl',
                   'lt', 'lit', 'et', 'est', 'bg', 'bul', 'hr', 'hrv')) then ('„', '“', '‚', '‘')
      else if ($lang = ('fr', 'fre', 'fra', 'it', 'ita', 'es', 'spa', 'pt', 'por', 'ca', 'cat', 'el', 'gre', 'ell',
                        'ru', 'rus', 'uk', 'ukr', 'be', 'bel', 'no', 'nor', 'nb', 'nob', 'nn', 'nno', 'ar', 'ara',
                        'fa', 'per', 'fas')) then ('«', '»', '“', '”')
      else if ($lang = ('pl', 'pol', 'ro', 'rum', 'ron', 'hu', 'hun', 'nl', 'dut', 'nld')) then
        (if ($lang = ('nl', 'dut', 'nld')) then ('“', '”', '‘', '’') else ('„', '”', '«', '»'))
      else if ($lang = ('sv', 'swe', 'fi', 'fin')) then ('”', '”', '’', '’')
      else if ($lang = ('ja', 'jpn', 'zh', 'chi', 'zho')) then ('「', '」', '『', '』')
      else if ($lang = ('he', 'heb')) then ('”', '”', '’', '’')
      else ('“', '”', '‘', '’')"/>
  </xsl:function>

  <xd:doc><xd:desc>The opening and the closing mark an element gets, or nothing:
    <xd:ul>
      <xd:li>a quotation (ed:is-quotation) without marks of its own: its language's outer
        marks (ed:marks-of: “ ” in English, „ “ in German, « » in French), or the inner ones
        inside an odd number of quotations (nesting alternates). A quotation with lines or
        paragraphs inside gets them too: the text runs it on, the HTML shows it as a block
        and the marks are all that says it is quoted;</xd:li>
      <xd:li>a title cited in the header's bibliographic descriptions (the source, related
        works), unless it is a monograph's or a journal's (@level m or j, set in italics):
        “ and ”. Titles in the text are shown by their element (cite), without marks.</xd:li>
    </xd:ul></xd:desc></xd:doc>
  <xsl:function name="ed:quote-marks" as="xs:string*">
    <xsl:param name="el" as="element()"/>
    <xsl:choose>
      <xsl:when test="$el/self::title">
        <xsl:sequence select="('“', '”')[$el[not(@level = ('m', 'j'))][not(ancestor::text)]]"/>
      </xsl:when>
      <xsl:when test="ed:is-quotation($el) and not(ed:has-own-marks($el))">
        <xsl:variable name="depth" select="count($el/ancestor::*[ed:is-quotation(.)])"/>
        <xsl:variable name="marks" select="ed:marks-of(lower-case(tokenize(string($el/ancestor-or-self::*[@xml:lang][1]/@xml:lang), '-')[1]))"/>
        <xsl:sequence select="if ($depth mod 2 = 0) then $marks[position() le 2] else $marks[position() gt 2]"/>
      </xsl:when>
    </xsl:choose>
  </xsl:function>
</xsl:stylesheet>
