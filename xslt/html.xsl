<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:teix="http://www.tei-c.org/ns/Examples"
  xmlns:ed="urn:x-tei-edition-toolkit"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>Entry stylesheet of the HTML reading edition. One TEI document in, one
      HTML5 page out: metadata (Dublin Core, Highwire citation_*) from the teiHeader,
      front matter with "How to cite", the text with numbered, linkable passages,
      every tagged name linked to the citation index with its register card, and
      numbered notes linked both ways. Elements it does not know render their text
      (mode on-no-match="text-only-copy"), so no word is ever dropped.</xd:desc>
  </xd:doc>

  <xsl:include href="common/params.xsl"/>
  <xsl:include href="common/release.xsl"/>
  <xsl:include href="common/page.xsl"/>
  <xsl:include href="common/frame.xsl"/>
  <xsl:include href="common/frame-slots.xsl"/>
  <xsl:include href="common/header.xsl"/>
  <xsl:include href="common/registers.xsl"/>
  <xsl:include href="common/citation.xsl"/>
  <xsl:include href="common/witnesses.xsl"/>
  <xsl:include href="common/blocks.xsl"/>
  <xsl:include href="common/quotes.xsl"/>
  <xsl:include href="common/lang.xsl"/>
  <xsl:include href="common/html-shapes.xsl"/>
  <xsl:include href="common/contents.xsl"/>
  <xsl:include href="common/passages.xsl"/>
  <xsl:include href="common/hooks.xsl"/>
  <xsl:include href="common/card.xsl"/>
  <xsl:include href="common/linkeddata.xsl"/>
  <xsl:include href="common/json.xsl"/>
  <xsl:include href="common/method.xsl"/>
  <xsl:include href="common/tokens.xsl"/>
  <xsl:include href="common/speech.xsl"/>
  <xsl:include href="common/html-speech.xsl"/>
  <xsl:include href="common/search-meta.xsl"/>

  <!-- HTML serialization without a generated DOCTYPE: the stylesheet writes "<!DOCTYPE html>"
       itself, so Saxon-HE 9.9 (Debian, JVM) and SaxonC 13 (saxonche) give identical bytes. -->
  <xsl:output method="html" version="4.01" encoding="UTF-8" indent="no" include-content-type="no"
              use-character-maps="ed:html-forbidden"/>
  <xsl:mode on-no-match="text-only-copy" use-accumulators="#all"/>

  <xd:doc><xd:desc>Characters that HTML forbids (DEL and the C1 controls, which XML allows)
    are shown as U+FFFD, the replacement character; the toolkit counts them in a warning.</xd:desc></xd:doc>
  <xsl:character-map name="ed:html-forbidden">
    <xsl:output-character character="&#x7F;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x80;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x81;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x82;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x83;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x84;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x85;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x86;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x87;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x88;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x89;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x8A;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x8B;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x8C;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x8D;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x8E;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x8F;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x90;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x91;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x92;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x93;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x94;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x95;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x96;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x97;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x98;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x99;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x9A;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x9B;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x9C;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x9D;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x9E;" string="&#xFFFD;"/>
    <xsl:output-character character="&#x9F;" string="&#xFFFD;"/>
  </xsl:character-map>
  <xsl:mode name="ed:card" on-no-match="shallow-skip"/>
  <xsl:mode name="ed:prose" on-no-match="text-only-copy"/>
  <xsl:mode name="ed:nested" on-no-match="text-only-copy"/>

  <!-- ============================================================ page -->

  <xsl:template match="/">
    <xsl:variable name="tei" select="(/TEI, /teiCorpus)[1]"/>
    <!-- The text's language ('' when the document does not say: then the text claims none,
         lang="und", and the page is in the language of its own wording, English). -->
    <xsl:variable name="text-lang" select="if ($lang ne '') then ed:bcp47($lang) else $ed:doc-lang"/>
    <xsl:variable name="page-lang" select="($text-lang[. ne ''], 'en')[1]"/>
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <html lang="{$page-lang}">
      <xsl:text>&#10;</xsl:text>
      <xsl:call-template name="ed:page-head">
        <xsl:with-param name="title" select="(ed:title(.)[. ne ''], 'TEI document')[1]"/>
        <xsl:with-param name="canonical" select="ed:public-url(.)[. ne '']"/>
        <xsl:with-param name="before-css">
          <xsl:call-template name="ed:metadata"/>
          <xsl:call-template name="ed:search-meta"><xsl:with-param name="language" select="$text-lang"/></xsl:call-template>
          <link rel="alternate" type="application/tei+xml" href="{ed:source-href(.)}" title="TEI source"/>
        </xsl:with-param>
        <xsl:with-param name="after-css">
          <xsl:call-template name="ed:rendition-css"/>
          <xsl:call-template name="ed:linked-data">
            <xsl:with-param name="page" select="ed:edition-url(.)"/>
          </xsl:call-template>
          <xsl:call-template name="ed:edition-linked-data"/>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:text>&#10;</xsl:text>
      <body>
        <!-- The page's own wording (headings, labels) is English. -->
        <xsl:attribute name="data-ed-types" select="string-join(($ed:types, 'date') ! (. || '=' || ed:type-plural(.)), '|')"/>
        <xsl:if test="tokenize($page-lang, '-')[1] ne 'en'"><xsl:attribute name="lang">en</xsl:attribute></xsl:if>
        <a class="skip-link" href="#ed-text">Skip to the text</a>
        <xsl:call-template name="ed:hook-body-start"/>
        <xsl:call-template name="ed:frame-header">
          <xsl:with-param name="head">
            <xsl:call-template name="ed:doc-nav"/>
            <p class="publisher"><xsl:value-of select="ed:publisher(.)"/></p>
            <!-- The title once: when the text has its own (docTitle), that is the one shown, and the
                 page's heading is for assistive technology only. -->
            <h1>
              <xsl:if test="exists($tei/text/front//docTitle)"><xsl:attribute name="class">visually-hidden</xsl:attribute></xsl:if>
              <xsl:value-of select="(ed:title(.)[. ne ''], 'TEI document')[1]"/>
            </h1>
            <p class="apparatus-link"><a href="#ed-apparatus">Contents, about this edition, how to cite, names</a></p>
          </xsl:with-param>
        </xsl:call-template>
        <div class="layout">
          <main id="ed-main">
            <xsl:call-template name="ed:hook-before-text"/>
            <article id="ed-text" class="text" lang="{($text-lang[. ne ''], 'und')[1]}" aria-label="Text" data-pagefind-body="">
              <xsl:if test="ed:direction($text-lang) eq 'rtl'"><xsl:attribute name="dir">rtl</xsl:attribute></xsl:if>
              <xsl:apply-templates select="$tei/text | $tei/TEI | $tei/sourceDoc"/>
            </article>
            <xsl:call-template name="ed:hook-after-text"/>
            <xsl:call-template name="ed:notes"/>
            <xsl:call-template name="ed:annotations"/>
            <xsl:call-template name="ed:release-forwards"/>
          </main>
          <aside id="ed-apparatus" class="apparatus" aria-label="About this edition">
            <div id="ed-tools" class="tools"></div>
            <xsl:call-template name="ed:toc"/>
            <xsl:call-template name="ed:about"/>
            <xsl:call-template name="ed:method"/>
            <xsl:call-template name="ed:how-to-cite"/>
            <xsl:call-template name="ed:registers"/>
          </aside>
        </div>
        <xsl:call-template name="ed:frame-footer">
          <xsl:with-param name="lines">
            <p class="rights"><xsl:value-of select="ed:rights(.)"/></p>
            <p><a href="{$index-href}">Citation index</a> · <a href="{ed:source-href(.)}" type="application/tei+xml">TEI source</a> · Encoded in TEI P5.</p>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ed:hook-body-end"/>
      </body>
    </html>
  </xsl:template>

  <xd:doc><xd:desc>Dublin Core and Highwire (citation_*) metadata from the teiHeader.</xd:desc></xd:doc>
  <xsl:template name="ed:metadata">
    <xsl:variable name="witness" select="ed:witness(.)"/>
    <xsl:variable name="created" select="ed:creation-date(.)"/>
    <link rel="schema.DC" href="http://purl.org/dc/elements/1.1/"/>
    <meta name="DC.title" content="{ed:title(.)}"/>
    <xsl:for-each select="ed:authors(.)"><meta name="DC.creator" content="{.}"/></xsl:for-each>
    <xsl:for-each select="/*/teiHeader/fileDesc/titleStmt/respStmt/(* except resp)">
      <meta name="DC.contributor" content="{normalize-space(.)}"/>
    </xsl:for-each>
    <xsl:if test="ed:edition-date(.) ne ''"><meta name="DC.date" content="{ed:edition-date(.)}"/></xsl:if>
    <xsl:if test="$created ne ''"><meta name="DC.coverage" content="{$created}"/></xsl:if>
    <xsl:if test="ed:creation-place(.) ne ''"><meta name="DC.coverage" content="{ed:creation-place(.)}"/></xsl:if>
    <xsl:if test="exists(ed:credits(.)) or ed:version(.) ne ''">
      <meta name="DC.description" content="{string-join((ed:version(.)[. ne ''] ! ('Version ' || . || '.'), ed:credits(.) ! (. || '.')), ' ')}"/>
    </xsl:if>
    <meta name="DC.publisher" content="{ed:publisher(.)}"/>
    <meta name="DC.type" content="Text"/>
    <meta name="DC.format" content="text/html"/>
    <xsl:if test="$ed:doc-lang ne ''"><meta name="DC.language" content="{$ed:doc-lang}"/></xsl:if>
    <xsl:if test="ed:identifier(.) ne ''"><meta name="DC.identifier" content="{ed:identifier(.)}"/></xsl:if>
    <xsl:if test="$witness/ref/@target"><meta name="DC.source" content="{$witness/ref[1]/@target}"/></xsl:if>
    <xsl:if test="ed:rights(.) ne ''"><meta name="DC.rights" content="{ed:rights(.)}"/></xsl:if>
    <meta name="citation_title" content="{ed:official-title(.)}"/>
    <xsl:for-each select="ed:authors(.)"><meta name="citation_author" content="{.}"/></xsl:for-each>
    <xsl:if test="ed:edition-date(.) ne ''">
      <meta name="citation_publication_date" content="{translate(ed:edition-date(.), '-', '/')}"/>
    </xsl:if>
    <meta name="citation_publisher" content="{ed:publisher(.)}"/>
    <xsl:if test="$ed:doc-lang ne ''"><meta name="citation_language" content="{$ed:doc-lang}"/></xsl:if>
    <xsl:if test="ed:public-url(.) ne ''"><meta name="citation_public_url" content="{ed:public-url(.)}"/></xsl:if>
  </xsl:template>

  <xd:doc><xd:desc>Table of contents: front matter, headnote, passages, notes, index.</xd:desc></xd:doc>
  <xsl:template name="ed:toc">
    <nav class="toc" aria-label="Contents">
      <h2 class="toc-title">Contents</h2>
      <ol>
        <li><a href="#ed-about">About this edition</a></li>
        <xsl:if test="exists(ed:method-parts(.))"><li><a href="#ed-method">Editorial method</a></li></xsl:if>
        <li><a href="#ed-cite">How to cite</a></li>
        <li><a href="#ed-text">Text</a>
          <xsl:call-template name="ed:toc-text"><xsl:with-param name="tei" select="(/TEI, /teiCorpus)[1]"/></xsl:call-template>
        </li>
        <xsl:if test="exists(ed:notes(.))"><li><a href="#ed-notes">Notes</a></li></xsl:if>
        <xsl:if test="exists(ed:entries(.))"><li><a href="#ed-names">Names (registers)</a></li></xsl:if>
        <li><a href="{$index-href}">Citation index</a></li>
      </ol>
    </nav>
  </xsl:template>

  <xd:doc><xd:desc>Front matter: what this is, where it comes from, who made it, its licence.</xd:desc></xd:doc>
  <xsl:template name="ed:about">
    <xsl:variable name="header" select="/*/teiHeader"/>
    <xsl:variable name="witness" select="ed:witness(.)"/>
    <section id="ed-about" class="about" aria-labelledby="ed-about-h">
      <h2 id="ed-about-h">About this edition</h2>
      <dl>
        <xsl:if test="ed:version(.) ne ''"><dt>Version</dt><dd><xsl:value-of select="ed:version(.)"/></dd></xsl:if>
        <xsl:if test="ed:official-title(.) ne ed:title(.)">
          <dt>Official title</dt>
          <dd>
            <xsl:value-of select="ed:official-title(.)"/>
            <xsl:for-each select="($header/fileDesc/titleStmt/title[@type = 'official'])[1][@source]">
              <xsl:call-template name="ed:source-line"/>
            </xsl:for-each>
          </dd>
        </xsl:if>
        <xsl:if test="exists(ed:authors-shown(.))">
          <dt>Issued by</dt><dd><xsl:value-of select="string-join(ed:authors-shown(.), '; ')"/></dd>
        </xsl:if>
        <xsl:if test="ed:creation-date(.) ne ''">
          <dt>Date and place</dt>
          <dd>
            <time datetime="{ed:creation-date(.)}"><xsl:value-of select="normalize-space(($header/profileDesc/creation//date)[1])"/></time>
            <xsl:if test="ed:creation-place(.) ne ''">, <xsl:value-of select="ed:creation-place(.)"/></xsl:if>
            <xsl:for-each select="($header/profileDesc/creation//placeName)[1][@source]"><xsl:call-template name="ed:source-line"/></xsl:for-each>
          </dd>
        </xsl:if>
        <xsl:if test="$witness">
          <dt>Source</dt>
          <dd><xsl:apply-templates select="$witness" mode="ed:bibl"/></dd>
        </xsl:if>
        <xsl:for-each select="$header/fileDesc/sourceDesc/listBibl/bibl">
          <dt><xsl:value-of select="(normalize-space(parent::listBibl/head)[. ne ''], 'Related')[1]"/></dt>
          <dd><xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if><xsl:apply-templates select="." mode="ed:bibl"/></dd>
        </xsl:for-each>
        <xsl:for-each select="ed:credits(.)">
          <dt>Credit</dt>
          <dd><xsl:value-of select="."/></dd>
        </xsl:for-each>
        <xsl:if test="$header/fileDesc/editionStmt">
          <dt>Edition</dt><dd><xsl:value-of select="normalize-space($header/fileDesc/editionStmt)"/></dd>
        </xsl:if>
        <xsl:if test="ed:publisher(.) ne ''">
          <dt>Published by</dt>
          <dd><xsl:value-of select="string-join((ed:publisher(.), ed:edition-date(.)[. ne ''] ! substring(., 1, 4)), ', ')"/></dd>
        </xsl:if>
        <xsl:if test="ed:identifier(.) ne ''">
          <dt>Identifier</dt><dd><code><xsl:value-of select="ed:identifier(.)"/></code></dd>
        </xsl:if>
        <dt>TEI source</dt>
        <dd><a href="{ed:source-href(.)}" type="application/tei+xml"><xsl:value-of select="ed:stem(.) || '.xml'"/></a></dd>
        <xsl:for-each select="$header/fileDesc/publicationStmt/availability">
          <dt>Licence and rights</dt>
          <dd>
            <xsl:for-each select="licence">
              <p>
                <xsl:choose>
                  <xsl:when test="matches(@target, '^\s*https?://')"><a href="{tokenize(normalize-space(@target), ' ')[1]}" rel="license"><xsl:value-of select="normalize-space(.)"/></a></xsl:when>
                  <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
                </xsl:choose>
              </p>
            </xsl:for-each>
            <xsl:for-each select="p"><p><xsl:value-of select="normalize-space(.)"/></p></xsl:for-each>
          </dd>
        </xsl:for-each>
      </dl>
    </section>
  </xsl:template>

  <xd:doc><xd:desc>Where in the text names outside the citable passages stand, in words: "the
    title", "the opening", "the closing" (of a letter), "the postscript", "a note", "the front
    matter", "the back matter", else "the text"; each place once, in the order met.</xd:desc></xd:doc>
  <xsl:function name="ed:places-of" as="xs:string">
    <xsl:param name="mentions" as="element()*"/>
    <xsl:variable name="places" select="distinct-values($mentions ! (
      let $at := ancestor::*[self::head or self::docTitle or self::titlePart or self::titlePage or self::opener
        or self::closer or self::postscript or self::note or self::front or self::back][1]
      return if ($at[self::head or self::docTitle or self::titlePart]) then 'the title'
        else if ($at/self::titlePage) then 'the title page'
        else if ($at/self::opener) then 'the opening'
        else if ($at/self::closer) then 'the closing'
        else if ($at/self::postscript) then 'the postscript'
        else if ($at/self::note) then 'a note'
        else if ($at/self::front) then 'the front matter'
        else if ($at/self::back) then 'the back matter'
        else 'the text'))"/>
    <xsl:sequence select="if (count($places) gt 1) then string-join($places[position() lt last()], ', ') || ' and ' || $places[last()] else string($places)"/>
  </xsl:function>

  <xd:doc><xd:desc>A bibliographic description in one line, with its link if it has one.</xd:desc></xd:doc>
  <xsl:template match="bibl | biblStruct" mode="ed:bibl">
    <xsl:if test="ed:is-prose-bibl(.)"><xsl:value-of select="ed:prose-bibl(.)"/></xsl:if>
    <xsl:for-each select="(* except (note, ref))[not(ed:is-prose-bibl(..))]">
      <xsl:if test="position() gt 1"><xsl:text>, </xsl:text></xsl:if>
      <xsl:choose>
        <xsl:when test="self::title[@level = ('m', 'j')]"><cite><xsl:value-of select="normalize-space(.)"/></cite></xsl:when>
        <xsl:when test="exists(ed:quote-marks(.))"><xsl:value-of select="ed:quote-marks(.)[1] || normalize-space(.) || ed:quote-marks(.)[2]"/></xsl:when>
        <xsl:when test="self::biblScope[@unit = 'page']">pp. <xsl:value-of select="normalize-space(.)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="ed:bibl-part(.)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <xsl:for-each select="ref[matches(@target, '^https?://')]">
      <xsl:text>. </xsl:text><a href="{@target}" rel="external"><xsl:value-of select="normalize-space(.)"/></a>
    </xsl:for-each>
    <xsl:for-each select="note"><span class="bibl-note"><xsl:text> </xsl:text><xsl:value-of select="normalize-space(.)"/></span></xsl:for-each>
  </xsl:template>

  <xd:doc><xd:desc>" (source: …)": the works a header statement's @source points to, linked to
    their entries in the front matter.</xd:desc></xd:doc>
  <xsl:template name="ed:source-line">
    <xsl:variable name="works" select="ed:sources-of(.)"/>
    <xsl:if test="exists($works)">
      <span class="source-line"> (source: <xsl:for-each select="$works"><xsl:if test="position() gt 1">; </xsl:if><xsl:choose>
        <xsl:when test="@xml:id"><a href="#{@xml:id}"><xsl:value-of select="ed:source-label(.)"/></a></xsl:when>
        <xsl:otherwise><xsl:value-of select="ed:source-label(.)"/></xsl:otherwise></xsl:choose></xsl:for-each>)</span>
    </xsl:if>
  </xsl:template>

  <xd:doc><xd:desc>The editorial method (common/method.xsl): the header's sampling and editorial
    declarations, in its words, then how this page shows them.</xd:desc></xd:doc>
  <xsl:template name="ed:method">
    <xsl:variable name="parts" select="ed:method-parts(.)"/>
    <xsl:if test="exists($parts)">
      <section id="ed-method" class="method" aria-labelledby="ed-method-h">
        <h2 id="ed-method-h">Editorial method</h2>
        <xsl:for-each select="$parts">
          <h3><xsl:value-of select="ed:method-label(.)"/></h3>
          <xsl:for-each select="ed:method-paragraphs(.)"><p><xsl:apply-templates mode="ed:prose"/></p></xsl:for-each>
        </xsl:for-each>
        <h3>On this page</h3>
        <p>
          <xsl:if test="exists($ed:passages)">Each citable passage begins with its label (“<xsl:value-of select="ed:passage-label($ed:passages[1])"/>”), a link to the passage. </xsl:if>
          <xsl:if test="exists(ed:notes(.))">Numbers in square brackets are the notes, listed after the text. </xsl:if>
          <xsl:if test="exists(ed:entries(.))">Tagged names are links to the citation index; hovering or focusing one shows its register card, and the names are listed under “Names in this edition”.</xsl:if>
        </p>
      </section>
    </xsl:if>
  </xsl:template>

  <xd:doc><xd:desc>Header prose: element, attribute and value names as code; links kept.</xd:desc></xd:doc>
  <xsl:template match="gi" mode="ed:prose"><code>&lt;<xsl:value-of select="."/>&gt;</code></xsl:template>
  <xsl:template match="att" mode="ed:prose"><code>@<xsl:value-of select="."/></code></xsl:template>
  <xsl:template match="val" mode="ed:prose"><code>"<xsl:value-of select="."/>"</code></xsl:template>
  <xsl:template match="ref[matches(@target, '^https?://\S+$')]" mode="ed:prose"><a href="{@target}" rel="external"><xsl:apply-templates mode="ed:prose"/></a></xsl:template>

  <xd:doc><xd:desc>"How to cite": the edition, then each canonical passage with its stable URL.</xd:desc></xd:doc>
  <xsl:template name="ed:how-to-cite">
    <section id="ed-cite" class="how-to-cite" aria-labelledby="ed-cite-h">
      <h2 id="ed-cite-h">How to cite</h2>
      <p class="citation"><xsl:value-of select="ed:edition-citation(.) || ' ' || ed:citation-end(ed:public-url(.))"/></p>
      <xsl:call-template name="ed:cite-this-version"/>
      <xsl:if test="ed:public-url(.) eq ''">
        <p class="citation-url-note">This copy of the edition has no public URL (none was set when it was built): give the address at which you read it, and the date.</p>
      </xsl:if>
      <xsl:if test="exists($ed:passages) and exists(/*/teiHeader/encodingDesc/refsDecl/citeStructure) and count($ed:passages) le $ed:group">
        <p>Cite a passage by its label<xsl:if test="ed:public-url(.) ne ''"> and its stable URL</xsl:if>, for example “<xsl:value-of select="ed:passage-citation($ed:passages[last()])"/>”</p>
        <ul class="passage-citations">
          <xsl:for-each select="$ed:passages">
            <li><a href="#{ed:id(.)}"><xsl:value-of select="ed:passage-label(.)"/></a>: <code class="passage-url"><xsl:value-of select="ed:public-url(.) || '#' || ed:id(.)"/></code></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:call-template name="ed:passage-cite-help"/>
    </section>
  </xsl:template>

  <xd:doc><xd:desc>Numbered notes, linked to and from their markers.</xd:desc></xd:doc>
  <xsl:template name="ed:notes">
    <xsl:variable name="notes" select="ed:notes(.)"/>
    <xsl:if test="exists($notes)">
      <section id="ed-notes" class="notes" aria-labelledby="ed-notes-h" role="doc-endnotes">
        <h2 id="ed-notes-h">Notes</h2>
        <ol>
          <xsl:for-each select="$notes">
            <xsl:variable name="n" select="ed:note-number(.)"/>
            <li id="ed-note-{$n}">
              <xsl:if test="@type = 'editorial'"><span class="note-kind">Editorial note. </span></xsl:if>
              <xsl:if test="@type = 'source'"><span class="note-kind">Source note. </span></xsl:if>
              <xsl:apply-templates/>
              <xsl:call-template name="ed:source-line"/>
              <xsl:text> </xsl:text>
              <a class="note-back" href="#ed-noteref-{$n}" aria-label="Back to note marker {$n} in the text">↩</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xd:doc><xd:desc>The registers of this document: each entry with its names, dates,
    authority links and the passages of this page that cite it.</xd:desc></xd:doc>
  <xsl:template name="ed:registers">
    <xsl:variable name="entries" select="ed:entries(.)"/>
    <xsl:if test="exists($entries)">
      <section id="ed-names" class="registers" aria-labelledby="ed-names-h">
        <h2 id="ed-names-h">Names in this edition</h2>
        <xsl:for-each-group select="$entries" group-by="ed:entry-type(.)">
          <h3><xsl:value-of select="ed:type-heading(current-grouping-key())"/></h3>
          <ul class="register-list">
            <xsl:for-each select="current-group()">
              <xsl:sort select="lower-case(ed:entry-label(.))"/>
              <xsl:variable name="entry" select="."/>
              <xsl:variable name="passages" select="ed:mentions-of($entry) ! ed:passage(.)"/>
              <li class="reg-entry ent-{ed:entry-type(.)}" id="reg-{@xml:id}">
                <xsl:for-each select="ed:card-data($entry)">
                  <xsl:call-template name="ed:card"><xsl:with-param name="entry" select="$entry"/></xsl:call-template>
                </xsl:for-each>
                <span class="card-cited">
                  <xsl:choose>
                    <xsl:when test="exists($passages)">
                      <xsl:text>Cited in </xsl:text>
                      <xsl:for-each select="$passages/.">
                        <xsl:if test="position() gt 1">, </xsl:if>
                        <a href="#{ed:id(.)}"><xsl:value-of select="ed:passage-label(.)"/></a>
                      </xsl:for-each>
                      <xsl:text> · </xsl:text>
                    </xsl:when>
                    <xsl:when test="exists(ed:mentions-of($entry))"><xsl:value-of select="'Named in ' || ed:places-of(ed:mentions-of($entry))"/> · </xsl:when>
                    <xsl:otherwise>Named in the header · </xsl:otherwise>
                  </xsl:choose>
                  <a href="{$index-href}#{ed:entity-anchor(.)}">Index entry</a>
                </span>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:for-each-group>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ text structure -->

  <xsl:template match="TEI[parent::teiCorpus]">
    <section class="corpus-member" id="{ed:id(.)}">
      <h2><xsl:value-of select="normalize-space((teiHeader/fileDesc/titleStmt/title)[1])"/></h2>
      <xsl:apply-templates select="text | sourceDoc"/>
    </section>
  </xsl:template>

  <xsl:template match="text | front | body | back | group">
    <div class="{local-name()}">
      <xsl:call-template name="ed:id-attr"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="div | div1 | div2 | div3 | div4 | div5 | div6 | div7">
    <section class="div {@type}">
      <xsl:call-template name="ed:id-attr"/>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xd:doc><xd:desc>The headnote: the Sourcebook editor's words, set apart from the document.</xd:desc></xd:doc>
  <xsl:template match="div[@type = 'headnote']">
    <xsl:variable name="editor" select="key('ed:id', substring(@resp, 2))[1]"/>
    <section class="headnote" id="{ed:id(.)}" aria-labelledby="{ed:id(.)}-h">
      <xsl:call-template name="ed:cite-data"/>
      <h2 id="{ed:id(.)}-h" class="headnote-title">
        <a class="passage-link" href="#{ed:id(.)}"><xsl:value-of select="ed:passage-label(.)"/></a>
        <xsl:if test="$editor">
          <span class="headnote-by"> by <xsl:value-of select="if (ed:is-entry($editor)) then ed:entry-label($editor) else normalize-space($editor)"/>, <xsl:value-of select="$headnote-by-label"/></span>
        </xsl:if>
      </h2>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xd:doc><xd:desc>The sole division of the body (this edition's declaration, a letter): the
    document itself, named for assistive technology by $document-label.</xd:desc></xd:doc>
  <xsl:template match="body/div[not(preceding-sibling::div or following-sibling::div)][@type]">
    <section class="{@type}" aria-label="{$document-label}">
      <xsl:call-template name="ed:id-attr"/>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template match="head">
    <xsl:variable name="depth" select="min((count(ancestor::*[self::div or starts-with(local-name(), 'div') or self::lg or self::list or self::table or self::figure]) + 2, 6))"/>
    <xsl:element name="h{$depth}">
      <xsl:call-template name="ed:id-attr"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="docTitle">
    <header class="doc-title"><xsl:apply-templates/></header>
  </xsl:template>
  <xsl:template match="titlePart">
    <p class="title-part {@type}"><xsl:apply-templates/></p>
  </xsl:template>
  <xsl:template match="docDate | docAuthor | docImprint | docEdition | byline | dateline | salute | signed | trailer | argument | epigraph | opener | closer | postscript | titlePage | castItem | figDesc | stage[not(ancestor::p or ancestor::l)] | u | entry | form | sense | floatingText | spGrp">
    <div class="{local-name()}">
      <xsl:call-template name="ed:id-attr"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xd:doc><xd:desc>A paragraph; a citable passage also shows its label as a link to itself.</xd:desc></xd:doc>
  <xsl:template match="p | ab">
    <xsl:variable name="passage" select="ed:is-passage(.)"/>
    <xsl:choose>
      <xsl:when test="exists(.//*[ed:is-block(.)])">
        <!-- Block content inside: a div keeps the HTML valid. -->
        <div class="p {local-name()}">
          <xsl:call-template name="ed:id-attr"/>
          <xsl:apply-templates/>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <p>
          <xsl:call-template name="ed:id-attr"/>
          <xsl:if test="$passage">
            <xsl:attribute name="class">passage</xsl:attribute>
            <xsl:call-template name="ed:cite-data"/>
            <a class="passage-link" href="#{ed:id(.)}" data-pagefind-ignore="" aria-label="Passage {ed:passage-label(.)}: link to this passage"><xsl:value-of select="ed:passage-label(.)"/></a>
            <xsl:text> </xsl:text>
          </xsl:if>
          <xsl:apply-templates/>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="lg">
    <div class="lg"><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="sp">
    <div class="sp"><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="list | listBibl">
    <xsl:element name="{if (@type = ('ordered', 'numbered')) then 'ol' else 'ul'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:call-template name="ed:id-attr"/>
      <xsl:for-each select="node()">
        <xsl:choose>
          <xsl:when test="self::item or self::bibl or self::biblStruct or self::label or self::head or self::listBibl or self::list">
            <li class="{local-name()}"><xsl:if test="self::item"><xsl:call-template name="ed:id-attr"/></xsl:if><xsl:apply-templates select="."/></li>
          </xsl:when>
          <xsl:when test="self::text()[normalize-space()]"><li><xsl:value-of select="."/></li></xsl:when>
          <xsl:when test="self::element()"><li><xsl:apply-templates select="."/></li></xsl:when>
        </xsl:choose>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>
  <xsl:template match="item">
    <xsl:apply-templates/>
  </xsl:template>
  <xsl:template match="list/head | listBibl/head" priority="2">
    <strong class="list-head"><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></strong>
  </xsl:template>

  <xsl:template match="table">
    <table>
      <xsl:call-template name="ed:id-attr"/>
      <xsl:for-each select="*[1][self::head]"><caption><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></caption></xsl:for-each>
      <tbody><xsl:apply-templates select="row"/></tbody>
    </table>
    <xsl:apply-templates select="* except (*[1][self::head], row)"/>
  </xsl:template>
  <xsl:template match="row">
    <tr><xsl:apply-templates select="cell"/></tr>
    <xsl:if test="* except cell"><tr><td><xsl:apply-templates select="* except cell"/></td></tr></xsl:if>
  </xsl:template>
  <xsl:template match="cell">
    <xsl:element name="{if (@role = 'label') then 'th' else 'td'}">
      <xsl:call-template name="ed:id-attr"/>
      <xsl:if test="@cols"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
      <xsl:if test="@rows"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="quote[p or lg] | cit[quote[p or lg]]">
    <blockquote><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></blockquote>
  </xsl:template>

  <xsl:template match="figure">
    <figure>
      <xsl:call-template name="ed:id-attr"/>
      <!-- A leading head is the caption; anything else keeps its place, so the words keep their order. -->
      <xsl:for-each select="*[1][self::head]"><figcaption><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></figcaption></xsl:for-each>
      <xsl:apply-templates select="node() except *[1][self::head]"/>
    </figure>
  </xsl:template>
  <xd:doc><xd:desc>Images are not loaded (the edition never fetches anything); their URL is shown.</xd:desc></xd:doc>
  <xsl:template match="graphic | media">
    <span class="graphic">[image: <xsl:value-of select="@url"/>]<xsl:apply-templates/></span>
  </xsl:template>

  <xd:doc><xd:desc>egXML examples: shown as markup, with every word of their text.</xd:desc></xd:doc>
  <xsl:template match="teix:egXML">
    <pre class="egXML"><code><xsl:value-of select="string-join(node() ! serialize(.), '')"/></code></pre>
  </xsl:template>

  <!-- ============================================================ phrase level -->

  <xsl:template match="hi | emph | foreign | term | mentioned | soCalled | said | quote | title | distinct | gloss | abbr | expan | orig | reg | sic | corr | add | unclear | supplied | seg | name | persName | placeName | orgName | geogName | roleName | forename | surname | num | measure | time | rs | eventName | bibl | biblStruct | cit | label | ref | ptr | del | lem | rdg | damage | w | c | pc | s | phr | date">
    <xsl:variable name="element" select="
      if (exists(.//*[ed:is-block(.)])) then 'div'
      else if (self::hi[matches(@rend, 'bold|strong')]) then 'strong'
      else if (self::hi[matches(@rend, 'sup')]) then 'sup'
      else if (self::hi[matches(@rend, 'sub')]) then 'sub'
      else if (self::hi[matches(@rend, 'ital')] or self::emph or self::foreign or self::mentioned or self::term) then 'em'
      else if (self::title[ancestor::text]) then 'cite'
      else if (self::del) then 'del'
      else if (self::add) then 'ins'
      else 'span'"/>
    <xsl:element name="{$element}">
      <xsl:attribute name="class" select="local-name() || ed:rend-classes(.)"/>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:call-template name="ed:id-attr"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xd:doc><xd:desc>A choice shows both readings (the second in brackets): no word is lost.</xd:desc></xd:doc>
  <xsl:template match="choice" priority="2">
    <span class="choice"><xsl:apply-templates select="*[1]"/><xsl:for-each select="*[position() gt 1]"> [<xsl:apply-templates select="."/>]</xsl:for-each></span>
  </xsl:template>

  <xd:doc><xd:desc>A link in the text: to an element in this page, or out to the web; otherwise plain text.</xd:desc></xd:doc>
  <xsl:template match="ref[@target] | ptr[@target]" priority="2">
    <xsl:variable name="target" select="normalize-space(@target)"/>
    <xsl:variable name="local" select="starts-with($target, '#') and exists(key('ed:id', substring($target, 2))[ancestor::text or ancestor::sourceDoc])"/>
    <xsl:choose>
      <xsl:when test="$local or matches($target, '^https?://[^\s]+$')">
        <a class="{local-name()}" href="{$target}">
          <xsl:if test="not($local)"><xsl:attribute name="rel">external</xsl:attribute></xsl:if>
          <xsl:call-template name="ed:id-attr"/>
          <xsl:apply-templates/>
          <xsl:if test="self::ptr"><xsl:value-of select="$target"/></xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}"><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="lb">
    <xsl:if test="not(@break = 'no')"><br/></xsl:if>
  </xsl:template>

  <xd:doc><xd:desc>A page break: an unobtrusive marker, hidden from screen readers; no word changes.</xd:desc></xd:doc>
  <xsl:template match="pb">
    <span class="pb" title="{if (@n) then 'Page ' || @n || ' of the printed source' else 'Page break in the printed source'}" aria-hidden="true"></span>
  </xsl:template>

  <xd:doc><xd:desc>Omission marks printed in the witness (seg type="omission"): its own
    characters, exactly as printed, marked as the source editor's.</xd:desc></xd:doc>
  <xsl:template match="seg[@type = 'omission']" priority="3">
    <xsl:variable name="by" select="key('ed:id', substring(normalize-space(@resp), 2))[1]"/>
    <span class="omission" title="Omission marked by {if ($by) then ed:entry-label($by) || ', ' else ''}the source's editor"><xsl:apply-templates/><span class="visually-hidden" data-pagefind-ignore=""> (omission marked in the source)</span></span>
  </xsl:template>

  <xd:doc><xd:desc>An omission by the encoder: […], with an explanation for screen readers and on hover.</xd:desc></xd:doc>
  <xsl:template match="gap">
    <xsl:variable name="by" select="if (@agent) then ' by ' || translate(@agent, '-', ' ') else ''"/>
    <span class="gap" title="Omission: words left out{$by}">
      <span aria-hidden="true">[…]</span>
      <span class="visually-hidden" data-pagefind-ignore="">(omission<xsl:value-of select="$by"/>)</span>
      <xsl:if test="desc"><span class="gap-desc"> (<xsl:apply-templates select="desc/node()"/>)</span></xsl:if>
    </span>
  </xsl:template>

  <xd:doc><xd:desc>A note in the text becomes a numbered marker linking to the endnote.</xd:desc></xd:doc>
  <xsl:template match="note[ancestor::text or ancestor::sourceDoc][not(ancestor::note)]">
    <xsl:variable name="n" select="ed:note-number(.)"/>
    <sup class="noteref" data-pagefind-ignore=""><a id="ed-noteref-{$n}" href="#ed-note-{$n}" role="doc-noteref" aria-label="Note {$n}">[<xsl:value-of select="$n"/>]</a></sup>
  </xsl:template>
  <xsl:template match="note">
    <span class="inner-note"> (<xsl:apply-templates/>)</span>
  </xsl:template>

  <xd:doc><xd:desc>Left out of the text, and shown elsewhere: the header (front matter and
    metadata), standOff (the registers) and facsimile (as links from @facs). The list
    is documented in the README ("What the renderers leave out").</xd:desc></xd:doc>
  <xsl:template match="teiHeader | standOff | facsimile"/>

  <!-- ============================================================ names -->

  <xd:doc><xd:desc>A date: a link to its entry in the index's list of dates.</xd:desc></xd:doc>
  <xsl:template match="date[@when][ancestor::text]" priority="3">
    <a class="ent ent-date" href="{$index-href}#date-{@when}" data-type="date">
      <time datetime="{@when}"><xsl:apply-templates/></time>
    </a>
  </xsl:template>

  <xd:doc><xd:desc>A mention of a register entry: one link to its index entry over all its
    words, styled by type, with the register cards (name, kind, dates, authority links with
    their certainty, notes, an index link) of every entry it names: the entries of its @ref
    (one phrase may name two) and those of the names nested in it, which are marked but not
    linked again, so that links never nest and a name is never cut into fragments. Notes in a
    mention stay outside its link.</xd:desc></xd:doc>
  <xsl:template match="text//*[@ref][ed:is-entry(ed:entry(.))]" priority="3">
    <xsl:variable name="entry" select="ed:entry(.)"/>
    <xsl:variable name="type" select="ed:entry-type($entry)"/>
    <xsl:variable name="href" select="$index-href || '#' || ed:entity-anchor($entry)"/>
    <xsl:variable name="own" select="ed:entries-of(.)"/>
    <xsl:variable name="nested" select="(descendant::*[@ref] ! ed:entries-of(.)) except $own"/>
    <span class="ent ent-{$type}" data-type="{$type}" data-entity="{string-join($own/@xml:id, ' ')}">
      <xsl:for-each-group select="node()" group-adjacent="exists(descendant-or-self::note)">
        <xsl:choose>
          <xsl:when test="current-grouping-key()"><xsl:apply-templates select="current-group()"/></xsl:when>
          <xsl:otherwise><a class="ent-link" href="{$href}"><xsl:apply-templates select="current-group()" mode="ed:nested"/></a></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each-group>
      <xsl:apply-templates select="$own, $nested" mode="ed:card"/>
    </span>
  </xsl:template>

  <xd:doc><xd:desc>Inside a mention's link: a nested name is marked (its entry's card is the
    mention's), a date keeps its machine-readable form; nothing else adds a link.</xd:desc></xd:doc>
  <xsl:template match="*[@ref]" mode="ed:nested">
    <span class="ent-nested" data-entity="{string-join(ed:entries-of(.)/@xml:id, ' ')}"><xsl:apply-templates mode="ed:nested"/></span>
  </xsl:template>
  <xsl:template match="date[@when]" mode="ed:nested"><time datetime="{@when}"><xsl:apply-templates mode="ed:nested"/></time></xsl:template>
  <xsl:template match="pb" mode="ed:nested"><xsl:apply-templates select="."/></xsl:template>

  <xd:doc><xd:desc>A register card (common/card.xsl): hidden until its name is hovered or focused;
    it links to the entry's place in the citation index.</xd:desc></xd:doc>
  <xsl:template match="*" mode="ed:card">
    <xsl:variable name="entry" select="."/>
    <span class="ent-card" data-pagefind-ignore="">
      <xsl:call-template name="ed:search-card-filter"><xsl:with-param name="entry" select="$entry"/></xsl:call-template>
      <xsl:for-each select="ed:card-data($entry)">
        <xsl:call-template name="ed:card"><xsl:with-param name="entry" select="$entry"/></xsl:call-template>
        <span class="card-index"><a href="{$index-href}#{ed:entity-anchor($entry)}">Index entry: <xsl:value-of select="@label"/></a></span>
      </xsl:for-each>
    </span>
  </xsl:template>

  <xd:doc><xd:desc>What the "Cite" button copies: the citation, the label, and the passage URL.</xd:desc></xd:doc>
  <xsl:template name="ed:cite-data">
    <xsl:attribute name="data-cite-text" select="ed:edition-citation(.) || ' ' || ed:passage-label(.) || '.'"/>
    <xsl:attribute name="data-cite-label" select="ed:passage-label(.)"/>
    <xsl:attribute name="data-cite-url" select="ed:versioned-url(ed:edition-url(.) || '#' || ed:id(.))"/>
  </xsl:template>

  <xd:doc><xd:desc>Any element with an xml:id keeps it as its HTML id, so links to it resolve
    (passages, listed divisions and speaker turns, which the contents list links to, have one
    in any case);
    one with an xml:lang keeps its language, as BCP 47 (and its direction, common/lang.xsl).</xd:desc></xd:doc>
  <xsl:template name="ed:id-attr">
    <xsl:if test="@xml:id or ed:is-passage(.) or (ed:is-div(.) and (head or @n)) or self::u[not(ancestor::u)]">
      <xsl:attribute name="id" select="ed:id(.)"/>
    </xsl:if>
    <xsl:call-template name="ed:lang-attrs"/>
  </xsl:template>
  <xsl:template match="text//*[@xml:id or @xml:lang]" priority="-1">
    <xsl:element name="{if (exists(.//*[ed:is-block(.)])) then 'div' else 'span'}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:call-template name="ed:lang-attrs"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
