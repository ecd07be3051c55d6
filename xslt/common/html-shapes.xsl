<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:mml="http://www.w3.org/1998/Math/MathML"
  xmlns:svg="http://www.w3.org/2000/svg"
  xmlns:ed="urn:x-tei-edition-toolkit"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>HTML for the shapes TEI documents take beyond a prose edition (the contents
      list is common/contents.xsl): a diplomatic page-by-page view of
      sourceDoc (surface, zone, line, with additions, deletions, modifications and
      metamarks visible), facsimile links (never fetched), drama, verse with line
      numbers, dictionaries, an apparatus with witness sigla, quotation marks, the
      common @rend and @rendition values, and MathML and SVG passed through as MathML
      and SVG. Included by html.xsl.</xd:desc>
  </xd:doc>

  <!-- ============================================================ diplomatic view -->

  <xd:doc><xd:desc>A sourceDoc: the document as it stands on the page, surface by surface,
    line by line.</xd:desc></xd:doc>
  <xsl:template match="sourceDoc">
    <section class="source-doc" id="{ed:id(.)}" aria-label="Diplomatic transcription">
      <h2 class="source-doc-title">Diplomatic transcription<xsl:if test="@n"> <xsl:value-of select="@n"/></xsl:if></h2>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template match="surface">
    <section class="surface" id="{ed:id(.)}">
      <h3 class="surface-label"><xsl:value-of select="ed:surface-label(.)"/></h3>
      <xsl:apply-templates/>
    </section>
  </xsl:template>
  <xsl:template match="surfaceGrp">
    <div class="surface-group"><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="zone">
    <div class="zone{@type ! (' zone-' || .)}"><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="line">
    <div class="line"><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="metamark" priority="2">
    <span class="metamark" title="{('Metamark', @function ! ('(' || . || ')'))}"><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="mod | subst | restore | retrace | undo | handShift" priority="2">
    <span class="{local-name()}"><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></span>
  </xsl:template>

  <xd:doc><xd:desc>A link to a facsimile image: @facs names a URL, or points (#id) to a
    surface, zone or graphic of the facsimile. Nothing is fetched or embedded.</xd:desc></xd:doc>
  <xsl:function name="ed:facs-url" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="facs" select="normalize-space(tokenize(normalize-space($el/@facs), ' ')[1])"/>
    <xsl:variable name="target" select="if (starts-with($facs, '#')) then key('ed:id', substring($facs, 2), root($el))[1] else ()"/>
    <xsl:sequence select="string(if (starts-with($facs, '#'))
      then ($target/@url, $target/graphic/@url, $target/ancestor-or-self::surface[1]/graphic/@url, $target/ancestor::surface[1]/@url)[1]
      else $facs)"/>
  </xsl:function>

  <xsl:template name="ed:facs-link">
    <xsl:variable name="url" select="ed:facs-url(.)"/>
    <xsl:if test="$url ne '' and matches($url, '^(https?://|[^:]+$)')">
      <a class="facs" href="{$url}" rel="external" title="Facsimile image{@n ! (' of page ' || normalize-space(.))} (opens the image file)">
        <xsl:value-of select="'[facsimile' || @n ! (' of page ' || normalize-space(.)) || ']'"/>
      </a>
    </xsl:if>
  </xsl:template>

  <xd:doc><xd:desc>A page break with a facsimile: the marker, then a link to the image.</xd:desc></xd:doc>
  <xsl:template match="pb[@facs]" priority="2">
    <span class="pb" title="{if (@n) then 'Page ' || @n || ' of the source' else 'Page break in the source'}" aria-hidden="true"></span>
    <xsl:call-template name="ed:facs-link"/>
  </xsl:template>

  <xd:doc><xd:desc>An image: a link to it (never fetched or embedded at build time).</xd:desc></xd:doc>
  <xsl:template match="graphic[@url] | media[@url]" priority="2">
    <span class="graphic">
      <xsl:choose>
        <xsl:when test="matches(@url, '^(https?://|[^:]+$)')"><a href="{@url}" rel="external">[image: <xsl:value-of select="@url"/>]</a></xsl:when>
        <xsl:otherwise>[image: <xsl:value-of select="@url"/>]</xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- ============================================================ drama, verse, dictionaries -->

  <xsl:template match="speaker" priority="2">
    <div class="speaker"><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="stage[ancestor::p or ancestor::l]" priority="2">
    <span class="stage stage-inline"><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="castList | castGroup" priority="2">
    <div class="{local-name()}"><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="role | roleDesc | actor" priority="2">
    <span class="{local-name()}"><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></span>
  </xsl:template>

  <xd:doc><xd:desc>Verse numbering: every fifth line shows its number, from @n when it is a
    number, else counted from the start of the text.</xd:desc></xd:doc>
  <xsl:accumulator name="ed:line-count" initial-value="0" as="xs:integer">
    <xsl:accumulator-rule match="l" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:template match="l" priority="2">
    <xsl:variable name="n" select="(tokenize(normalize-space(@n), '\.')[last()][matches(., '^[0-9]+$')], string(accumulator-before('ed:line-count')))[1]"/>
    <div class="l">
      <xsl:call-template name="ed:id-attr"/>
      <xsl:if test="xs:integer($n) mod 5 = 0"><span class="l-num" aria-hidden="true"><xsl:value-of select="$n"/></span><xsl:text> </xsl:text></xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="entryFree | superEntry | re | hom" priority="2">
    <div class="{local-name()}"><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="orth | pron | hyph | gramGrp | gram | pos | usg | etym | def | xr | lbl | gen | number | case | tns | mood | per | itype | subc | colloc | oRef | oVar | pRef | pVar" priority="2">
    <span class="{local-name()}"><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></span>
  </xsl:template>

  <!-- ============================================================ apparatus, quotation -->

  <xd:doc><xd:desc>An apparatus entry: the lemma, then each reading with its sigla; an empty
    reading is shown as "om." (omitted).</xd:desc></xd:doc>
  <xsl:template match="app" priority="3">
    <span class="app">
      <xsl:call-template name="ed:id-attr"/>
      <xsl:for-each select="lem">
        <span class="lem"><xsl:apply-templates/></span>
        <xsl:if test="@wit"><span class="wit"><xsl:text> </xsl:text><xsl:value-of select="ed:sigla(.)"/></span></xsl:if>
      </xsl:for-each>
      <xsl:for-each select="rdg | rdgGrp/rdg">
        <span class="rdg">
          <xsl:text> [</xsl:text>
          <xsl:choose>
            <xsl:when test="normalize-space(.) = '' and not(*)"><em class="om">om.</em></xsl:when>
            <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
          </xsl:choose>
          <xsl:if test="@wit"><span class="wit"><xsl:text> </xsl:text><xsl:value-of select="ed:sigla(.)"/></span></xsl:if>
          <xsl:text>]</xsl:text>
        </span>
      </xsl:for-each>
      <xsl:apply-templates select="* except (lem, rdg, rdgGrp)"/>
    </span>
  </xsl:template>

  <xd:doc><xd:desc>A quotation (ed:is-quotation, common/quotes.xsl): a q element, or a div
    when it has block content, with the marks that ed:quote-marks gives written out (the
    stylesheet sets q's own marks to none); data-marks="own" when it takes none because it
    has its own (the source's, or its rendition's).</xd:desc></xd:doc>
  <xsl:template match="(q | said | quote)[ed:is-quotation(.)]" priority="3">
    <xsl:variable name="block" select="exists(.//*[ed:is-block(.)])"/>
    <xsl:variable name="marks" select="ed:quote-marks(.)"/>
    <xsl:element name="{if ($block) then 'div' else 'q'}">
      <xsl:attribute name="class" select="local-name() || ed:rend-classes(.)"/>
      <xsl:if test="empty($marks)"><xsl:attribute name="data-marks">own</xsl:attribute></xsl:if>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:call-template name="ed:id-attr"/>
      <xsl:value-of select="$marks[1]"/>
      <xsl:apply-templates/>
      <xsl:value-of select="$marks[2]"/>
    </xsl:element>
  </xsl:template>

  <!-- ============================================================ rendition -->

  <xd:doc><xd:desc>CSS classes for the common @rend values (italic, bold, smallcaps, allcaps,
    underline, superscript, subscript, strikethrough, typewriter, centred, right), and for
    each @rendition pointer.</xd:desc></xd:doc>
  <xsl:function name="ed:rend-classes" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="rend" select="lower-case(string($el/@rend))"/>
    <xsl:variable name="t" select="tokenize($rend, '[\s,;:()]+')[. ne '']"/>
    <xsl:variable name="known" select="(
      'italic'[matches($rend, 'ital|slanted|oblique|kursiv') or $t = 'i'],
      'bold'[matches($rend, 'bold|strong|fett') or $t = 'b'],
      'smallcaps'[matches($rend, 'small-?caps|kapitälchen') or $t = 'sc'],
      'allcaps'[matches(replace($rend, 'small-?caps', ''), 'all-?caps|upper-?case|majuscule') or $t = 'caps'],
      'underline'[matches($rend, 'underline') or $t = ('ul', 'u')],
      'superscript'[matches($rend, 'sup') or $t = 'above'],
      'subscript'[matches($rend, 'subscript') or $t = ('sub', 'below')],
      'strikethrough'[matches($rend, 'strike|line-?through')],
      'typewriter'[matches($rend, 'typewriter|monospace') or $t = ('tt', 'code')],
      'centre'[matches($rend, 'cent(er|re)')],
      'right'[$t = ('right', 'align-right')],
      'spaced'[matches($rend, 'spaced|gesperrt|letterspace')])"/>
    <xsl:sequence select="string-join(($known ! (' rend-' || .),
      tokenize(normalize-space($el/@rendition), ' ')[starts-with(., '#')] ! (' rendition-' || replace(substring(., 2), '[^\w\-]', '_'))), '')"/>
  </xsl:function>

  <xd:doc><xd:desc>The CSS of the header's rendition elements (scheme css), scoped to the
    classes rendition-ID that ed:rend-classes gives, so @rendition looks as the encoder
    defined it.</xd:desc></xd:doc>
  <xsl:template name="ed:rendition-css">
    <xsl:variable name="rules" select="/*/teiHeader/encodingDesc/tagsDecl/rendition[@xml:id][not(@scheme) or @scheme = 'css'][normalize-space(.) ne '']"/>
    <xsl:if test="exists($rules)">
      <style>
        <xsl:for-each select="$rules">
          <xsl:variable name="css" select="replace(normalize-space(.), '[&lt;&gt;{}]', '')"/>
          <xsl:value-of select="'.rendition-' || replace(@xml:id, '[^\w\-]', '_') || (@scope[. = ('before', 'after')] ! ('::' || .)) || ' { ' || $css || ' }&#10;'"/>
        </xsl:for-each>
      </style>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ MathML and SVG -->

  <xd:doc><xd:desc>MathML and SVG embedded in the TEI pass through as MathML and SVG (HTML5
    puts math and svg elements in their namespaces itself).</xd:desc></xd:doc>
  <xsl:template match="mml:* | svg:*" priority="3">
    <xsl:element name="{local-name()}">
      <xsl:for-each select="@*[namespace-uri() = ''][not(starts-with(lower-case(name()), 'on'))][not(name() = ('href', 'src') and matches(., '^\s*javascript:', 'i'))]">
        <xsl:attribute name="{local-name()}" select="."/>
      </xsl:for-each>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
