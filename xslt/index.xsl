<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:fn="http://www.w3.org/2005/xpath-functions"
  xmlns:ed="urn:x-tei-edition-toolkit"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>Entry stylesheet of the citation index, a map and a reduce:
      <xd:ul>
        <xd:li>format "partial": one TEI document in, its partial index out (its passages,
          its register entries, and for each entry the passages that cite it with a snippet);</xd:li>
        <xd:li>format "html" or "json": partial indexes in (an ed:partials element), or one
          TEI document (what Oxygen gives), and the whole index out: every person, place,
          organisation, work and event, grouped by type and sorted by name, with every
          passage that cites it, linked into the HTML edition.</xd:li>
      </xd:ul>
      The toolkit computes each document's partial once and merges them, so a corpus
      index never re-reads unchanged documents. It merges them in bounded memory: with an
      ed:summary element as input, format "html" or "json" gives the index's frame, whose
      slots it fills with formats "html-items" and "json-items" applied to batches of
      partials (toolkit/indexmerge.py). Both paths render each item with the same templates.
      The protocol with the toolkit is typed: the HTML frame marks each slot with a processing
      instruction (ed-slot SECTION), which no escaped text can contain; the JSON frame and
      items are JSON as XML (the fn: vocabulary of XPath 3.1, keys in document order, a slot
      an fn:null with @ed:slot), which the toolkit reads as data and writes with Python's
      JSON serialiser: the bytes are those of common/json.xsl's writer, which the
      whole-page path (Oxygen) uses.</xd:desc>
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
  <xsl:include href="common/json.xsl"/>
  <xsl:include href="common/hooks.xsl"/>
  <xsl:include href="common/card.xsl"/>
  <xsl:include href="common/lang.xsl"/>

  <xd:doc><xd:desc>Which output: "html" (default), "json" or "partial"; or, for the toolkit's
    streamed merge, "html-items" or "json-items": one section's items from a batch of partials
    (with an ed:summary element as input, "html" and "json" give the frame whose slots they fill).</xd:desc></xd:doc>
  <xsl:param name="format" as="xs:string" select="'html'" ed:internal="yes"/>

  <xd:doc><xd:desc>With format "html-items" or "json-items": the section ("back-links",
    "documents", "entities-TYPE", "dates", "passages" or "citations").</xd:desc></xd:doc>
  <xsl:param name="section" as="xs:string" select="''" ed:internal="yes"/>

  <xd:doc><xd:desc>With format "html-items": how many items of the section earlier batches
    gave (a separator goes before every item but the section's first).</xd:desc></xd:doc>
  <xsl:param name="offset" as="xs:integer" select="0" ed:internal="yes"/>

  <xd:doc><xd:desc>With format "html-items" or "json-items" and 1: the citations of the batch's
    one entry or date are left as a slot (section "citations" fills it, batch by batch).</xd:desc></xd:doc>
  <xsl:param name="citation-slot" as="xs:integer" select="0" ed:internal="yes"/>

  <xd:doc><xd:desc>With format "html-items": how many documents the whole index has (with more
    than one, each citation names its document).</xd:desc></xd:doc>
  <xsl:param name="documents" as="xs:integer" select="0" ed:internal="yes"/>

  <xd:doc><xd:desc>Characters of context on each side of a mention in a snippet.</xd:desc></xd:doc>
  <xsl:param name="snippet-context" as="xs:integer" select="60"/>

  <xsl:output name="json" method="text" encoding="UTF-8"/>
  <xsl:output name="partial" method="xml" encoding="UTF-8" indent="no" omit-xml-declaration="yes"/>
  <!-- HTML serialization without a generated DOCTYPE: the stylesheet writes "<!DOCTYPE html>"
       itself, so Saxon-HE 9.9 (Debian, JVM) and SaxonC 13 (saxonche) give identical bytes. -->
  <xsl:output method="html" version="4.01" encoding="UTF-8" indent="no" include-content-type="no"/>
  <xsl:mode on-no-match="shallow-skip" use-accumulators="#all"/>
  <xsl:mode name="ed:json" on-no-match="shallow-skip"/>

  <xsl:variable name="types" select="$ed:types"/>

  <xsl:template match="/">
    <xsl:variable name="partials" as="element(ed:partial)*">
      <xsl:choose>
        <xsl:when test="ed:partials"><xsl:sequence select="ed:partials/ed:partial"/></xsl:when>
        <xsl:when test="ed:summary"/>
        <xsl:otherwise><xsl:call-template name="ed:partial"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$format = 'partial'">
        <!-- No href: this is the principal result, serialized as XML. -->
        <xsl:result-document format="partial"><xsl:sequence select="$partials"/></xsl:result-document>
      </xsl:when>
      <xsl:when test="$format = 'json' and ed:summary">
        <!-- the frame, for the toolkit: JSON as XML (fn: vocabulary), its slots fn:null elements -->
        <xsl:result-document format="partial"><xsl:sequence select="ed:json($partials, ed:summary)"/></xsl:result-document>
      </xsl:when>
      <xsl:when test="$format = 'json'">
        <xsl:result-document format="json"><xsl:apply-templates select="ed:json($partials, ed:summary)" mode="ed:json"/><xsl:text>&#10;</xsl:text></xsl:result-document>
      </xsl:when>
      <xsl:when test="$format = 'json-items'">
        <!-- one batch's items, for the toolkit: JSON as XML (fn: vocabulary) -->
        <xsl:result-document format="partial"><fn:array><xsl:sequence select="ed:json-items($partials, $section)"/></fn:array></xsl:result-document>
      </xsl:when>
      <xsl:when test="$format = 'html-items'">
        <xsl:call-template name="ed:html-items">
          <xsl:with-param name="section" select="$section"/><xsl:with-param name="partials" select="$partials"/>
          <xsl:with-param name="offset" select="$offset"/><xsl:with-param name="multi" select="$documents gt 1"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="ed:html">
          <xsl:with-param name="partials" select="$partials"/><xsl:with-param name="summary" select="ed:summary"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ map: one document -->

  <xd:doc><xd:desc>The partial index of the document being transformed.</xd:desc></xd:doc>
  <xsl:template name="ed:partial">
    <xsl:variable name="stem" select="ed:stem(.)"/>
    <xsl:variable name="href" select="$edition-dir-href || encode-for-uri($stem) || '.html'"/>
    <ed:partial doc="{$stem}" title="{(ed:title(.)[. ne ''], $stem)[1]}" href="{$href}">
      <!-- the header's facts the site's list of documents shows (toolkit/outputs/site.py) -->
      <xsl:call-template name="ed:document-facts"/>
      <xsl:for-each select="/*/text/back//div[@type = 'source']">
        <ed:source><xsl:value-of select="normalize-space(string-join(.//text()[not(ancestor::note)], ''))"/></ed:source>
      </xsl:for-each>
      <xsl:for-each select="$ed:passages">
        <ed:passage id="{ed:id(.)}" label="{ed:passage-label(.)}" href="{$href}#{ed:id(.)}"/>
      </xsl:for-each>
      <xsl:for-each select="ed:entries(.)">
        <xsl:variable name="entry" select="."/>
        <xsl:variable name="card" select="ed:card-data(.)"/>
        <ed:entity>
          <xsl:sequence select="$card/@*, $card/node()"/>
          <xsl:call-template name="ed:citations">
            <xsl:with-param name="mentions" select="ed:mentions-of($entry)"/>
            <xsl:with-param name="href" select="$href"/>
            <xsl:with-param name="stem" select="$stem"/>
          </xsl:call-template>
        </ed:entity>
      </xsl:for-each>
      <xsl:for-each-group select="//text//date[@when]" group-by="string(@when)">
        <ed:date when="{current-grouping-key()}" label="{normalize-space(current-group()[1])}">
          <xsl:call-template name="ed:citations">
            <xsl:with-param name="mentions" select="current-group()"/>
            <xsl:with-param name="href" select="$href"/>
            <xsl:with-param name="stem" select="$stem"/>
          </xsl:call-template>
        </ed:date>
      </xsl:for-each-group>
    </ed:partial>
  </xsl:template>

  <xd:doc><xd:desc>The header's facts of the document being transformed, as attributes of its
    partial index, for the site's list of documents: its date of creation (ISO), its authors
    ("; " between them), its type (text/@type, else the header's first classCode, else the type
    of the body's one division, when it has one: a text whose body is one declaration, letter …) and
    its language (BCP 47); each only when the document gives it.</xd:desc></xd:doc>
  <xsl:template name="ed:document-facts">
    <xsl:variable name="tei" select="(/TEI, /teiCorpus)[1]"/>
    <xsl:variable name="type" select="normalize-space(string(($tei/text/@type, ($tei/teiHeader/profileDesc/textClass/classCode)[1],
      $tei/text/body[count(div) eq 1]/div/@type)[1]))"/>
    <xsl:if test="ed:creation-date(.) ne ''"><xsl:attribute name="date" select="ed:creation-date(.)"/></xsl:if>
    <xsl:if test="exists(ed:authors(.))"><xsl:attribute name="authors" select="string-join(ed:authors(.), '; ')"/></xsl:if>
    <xsl:if test="$type ne ''"><xsl:attribute name="text-type" select="$type"/></xsl:if>
    <xsl:if test="$ed:doc-lang ne ''"><xsl:attribute name="lang" select="$ed:doc-lang"/></xsl:if>
  </xsl:template>

  <xd:doc><xd:desc>One citation per passage that mentions the entry, with a snippet around its first mention there.</xd:desc></xd:doc>
  <xsl:template name="ed:citations">
    <xsl:param name="mentions" as="element()*"/>
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="stem" as="xs:string"/>
    <xsl:for-each-group select="$mentions" group-by="string((ed:passage(.) ! ed:id(.), 'ed-text')[1])">
      <xsl:variable name="passage" select="ed:passage(.)"/>
      <ed:citation document="{$stem}" passage="{current-grouping-key()}" count="{count(current-group())}"
        label="{if ($passage) then ed:passage-label($passage) else if (ancestor::docTitle or ancestor::head) then 'Title' else if (ancestor::docDate) then 'Date line' else 'Text'}"
        href="{$href}#{current-grouping-key()}"
        snippet="{ed:snippet(., ($passage, ancestor::*[ed:is-block(.)][1], ancestor::text[1])[1])}"/>
    </xsl:for-each-group>
  </xsl:template>

  <xd:doc><xd:desc>A short snippet: the mention with up to $snippet-context characters
    of its passage's text on each side, cut at word boundaries, notes and page furniture (fw)
    left out.</xd:desc></xd:doc>
  <xsl:function name="ed:snippet" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="context" as="element()"/>
    <xsl:variable name="texts" select="$context//text()[not(ancestor::note or ancestor::fw)] except $mention//text()"/>
    <xsl:variable name="before" select="ed:collapse(string-join($texts[. &lt;&lt; $mention], ''))"/>
    <xsl:variable name="after" select="ed:collapse(string-join($texts[. &gt;&gt; $mention], ''))"/>
    <xsl:variable name="words" select="ed:collapse(string-join($mention//text()[not(ancestor::note)], ''))"/>
    <xsl:variable name="b" select="if (string-length($before) le $snippet-context) then $before
      else '…' || replace(substring($before, string-length($before) - $snippet-context + 1), '^\S*\s', '')"/>
    <xsl:variable name="a" select="if (string-length($after) le $snippet-context) then $after
      else replace(substring($after, 1, $snippet-context), '\s\S*$', '') || '…'"/>
    <xsl:sequence select="normalize-space($b || $words || $a)"/>
  </xsl:function>

  <xd:doc><xd:desc>Every run of whitespace as one space, the ends kept as one space each
    (what replace($s, '\s+', ' ') gives), with normalize-space(): linear, no regular expression.</xd:desc></xd:doc>
  <xsl:function name="ed:collapse" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:variable name="n" select="normalize-space($s)"/>
    <xsl:sequence select="if ($n eq '') then (if ($s eq '') then '' else ' ')
      else (if (ed:is-space(substring($s, 1, 1))) then ' ' else '') || $n
           || (if (ed:is-space(substring($s, string-length($s)))) then ' ' else '')"/>
  </xsl:function>

  <xsl:function name="ed:is-space" as="xs:boolean">
    <xsl:param name="c" as="xs:string"/>
    <xsl:sequence select="$c ne '' and translate($c, ' &#9;&#10;&#13;', '') eq ''"/>
  </xsl:function>

  <!-- ============================================================ reduce: HTML -->

  <xd:doc><xd:desc>The whole index page. With $summary (format "html" on an ed:summary), the page's frame
    only: each list that grows with the corpus is left as a slot, a processing instruction
    "ed-slot SECTION", that the toolkit fills with the output of format "html-items" for
    successive batches of partials (so the page is written as it goes, in bounded memory).
    Both paths render every item with the same template, ed:html-items.</xd:desc></xd:doc>
  <xsl:template name="ed:html">
    <xsl:param name="partials" as="element(ed:partial)*"/>
    <xsl:param name="summary" as="element(ed:summary)?"/>
    <xsl:variable name="count" select="if ($summary) then xs:integer($summary/@documents) else count($partials)"/>
    <xsl:variable name="present" select="if ($summary) then $types[. = tokenize($summary/@types)] else $types[. = $partials/ed:entity/@type]"/>
    <xsl:variable name="dated" select="if ($summary) then $summary/@dates = 'true' else exists($partials/ed:date)"/>
    <xsl:variable name="multi" select="$count gt 1"/>
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <html lang="en">
      <xsl:text>&#10;</xsl:text>
      <xsl:call-template name="ed:page-head">
        <xsl:with-param name="title" select="'Citation index' || (if ($count eq 1) then ' — ' || ($summary/ed:partial, $partials)[1]/@title else '')"/>
      </xsl:call-template>
      <xsl:text>&#10;</xsl:text>
      <body class="index-page">
        <a class="skip-link" href="#ed-index">Skip to the index</a>
        <xsl:call-template name="ed:hook-body-start"/>
        <xsl:call-template name="ed:frame-header">
          <xsl:with-param name="current" select="'index'"/>
          <xsl:with-param name="head">
            <!-- without a site (no home page lists them), the way back to the documents -->
            <xsl:if test="not($ed:site)">
              <p class="back-link"><xsl:call-template name="ed:html-slot">
                <xsl:with-param name="section" select="'back-links'"/><xsl:with-param name="partials" select="$partials"/>
                <xsl:with-param name="frame" select="exists($summary)"/><xsl:with-param name="multi" select="$multi"/>
              </xsl:call-template></p>
            </xsl:if>
            <h1>Citation index</h1>
            <p>Every person, place, organisation, <xsl:value-of select="lower-case($work-label)"/> and event named in
              <xsl:value-of select="if ($count eq 1) then 'the edition' else $count || ' documents'"/>,
              with every passage that cites it.</p>
          </xsl:with-param>
        </xsl:call-template>
        <div class="layout layout-contents">
        <nav class="toc" aria-label="Index sections">
          <h2 class="toc-title">Sections</h2>
          <ol>
            <xsl:for-each select="$present">
              <li><a href="#ed-{.}"><xsl:value-of select="ed:type-heading(.)"/></a></li>
            </xsl:for-each>
            <xsl:if test="$dated"><li><a href="#ed-dates">Dates</a></li></xsl:if>
            <li><a href="#ed-passages">Passages</a>
              <!-- the documents, under the passages they hold (not a section of their own) -->
              <xsl:if test="not($ed:site)">
                <ol class="toc-documents">
                  <xsl:call-template name="ed:html-slot">
                    <xsl:with-param name="section" select="'documents'"/><xsl:with-param name="partials" select="$partials"/>
                    <xsl:with-param name="frame" select="exists($summary)"/><xsl:with-param name="multi" select="$multi"/>
                  </xsl:call-template>
                </ol>
              </xsl:if>
            </li>
          </ol>
        </nav>
        <main id="ed-index">
          <xsl:call-template name="ed:hook-before-text"/>
          <xsl:for-each select="$present">
            <xsl:variable name="type" select="."/>
            <section id="ed-{$type}" class="entity-group" aria-labelledby="ed-{$type}-h">
              <h2 id="ed-{$type}-h"><xsl:value-of select="ed:type-heading($type)"/></h2>
              <xsl:call-template name="ed:html-slot">
                <xsl:with-param name="section" select="'entities-' || $type"/><xsl:with-param name="partials" select="$partials"/>
                <xsl:with-param name="frame" select="exists($summary)"/><xsl:with-param name="multi" select="$multi"/>
              </xsl:call-template>
            </section>
          </xsl:for-each>
          <xsl:if test="$dated">
            <section id="ed-dates" class="entity-group" aria-labelledby="ed-dates-h">
              <h2 id="ed-dates-h">Dates</h2>
              <xsl:call-template name="ed:html-slot">
                <xsl:with-param name="section" select="'dates'"/><xsl:with-param name="partials" select="$partials"/>
                <xsl:with-param name="frame" select="exists($summary)"/><xsl:with-param name="multi" select="$multi"/>
              </xsl:call-template>
            </section>
          </xsl:if>
          <section id="ed-passages" class="passages" aria-labelledby="ed-passages-h">
            <h2 id="ed-passages-h">Passages</h2>
            <xsl:call-template name="ed:html-slot">
              <xsl:with-param name="section" select="'passages'"/><xsl:with-param name="partials" select="$partials"/>
              <xsl:with-param name="frame" select="exists($summary)"/><xsl:with-param name="multi" select="$multi"/>
            </xsl:call-template>
          </section>
          <xsl:call-template name="ed:hook-after-text"/>
          <xsl:call-template name="ed:release-forwards"/>
        </main>
        </div>
        <xsl:call-template name="ed:frame-footer">
          <xsl:with-param name="lines"><p>This index as data: <a href="{$ed:index-json-href}">JSON</a>.</p></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ed:hook-body-end"/>
      </body>
    </html>
  </xsl:template>

  <xd:doc><xd:desc>A section's items: in a frame, the slot the toolkit fills; otherwise the items themselves.</xd:desc></xd:doc>
  <xsl:template name="ed:html-slot">
    <xsl:param name="section" as="xs:string"/>
    <xsl:param name="partials" as="element(ed:partial)*"/>
    <xsl:param name="frame" as="xs:boolean"/>
    <xsl:param name="multi" as="xs:boolean"/>
    <xsl:choose>
      <xsl:when test="$frame"><xsl:processing-instruction name="ed-slot" select="$section"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="ed:html-items">
          <xsl:with-param name="section" select="$section"/><xsl:with-param name="partials" select="$partials"/>
          <xsl:with-param name="offset" select="0"/><xsl:with-param name="multi" select="$multi"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xd:doc><xd:desc>The items of one section of the page, from $partials (all of them, or one
    batch, $offset documents or groups after the section's start):
      <xd:ul>
        <xd:li>"back-links" and "documents": a link to each document;</xd:li>
        <xd:li>"entities-TYPE": the register entries of that type, grouped by id, sorted by name;</xd:li>
        <xd:li>"dates": the dates, grouped and sorted;</xd:li>
        <xd:li>"passages": each document's citable passages;</xd:li>
        <xd:li>"citations": the citations of one entry or date (the ed:citation children of
          $partials), for an entry written in pieces (see $citation-slot).</xd:li>
      </xd:ul></xd:desc></xd:doc>
  <xsl:template name="ed:html-items">
    <xsl:param name="section" as="xs:string"/>
    <xsl:param name="partials" as="element(ed:partial)*"/>
    <xsl:param name="offset" as="xs:integer"/>
    <xsl:param name="multi" as="xs:boolean"/>
    <xsl:choose>
      <xsl:when test="$section = 'back-links'">
        <xsl:for-each select="$partials"><xsl:if test="position() + $offset gt 1"> · </xsl:if><a href="{@href}">← <xsl:value-of select="@title"/></a></xsl:for-each>
      </xsl:when>
      <xsl:when test="$section = 'documents'">
        <xsl:for-each select="$partials">
          <li><a href="{@href}"><xsl:value-of select="@title"/></a></li>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="starts-with($section, 'entities-')">
        <xsl:variable name="type" select="substring-after($section, 'entities-')"/>
        <xsl:for-each-group select="$partials/ed:entity[@type = $type]" group-by="@id">
          <xsl:sort select="lower-case(@label)"/>
          <xsl:sort select="@id"/>
          <xsl:variable name="first" select="current-group()[1]"/>
          <xsl:variable name="names" select="if ($first/ed:name) then distinct-values(current-group()/ed:name) else ()"/>
          <section class="entity ent-{$type}" id="{$type}-{@id}" aria-labelledby="{$type}-{@id}-h">
            <xsl:for-each select="$first">
              <xsl:call-template name="ed:card">
                <xsl:with-param name="entry" select="."/><xsl:with-param name="names" select="$names"/>
                <xsl:with-param name="heading-id" select="$type || '-' || @id || '-h'"/>
              </xsl:call-template>
            </xsl:for-each>
            <xsl:call-template name="ed:citation-list">
              <xsl:with-param name="citations" select="current-group()/ed:citation"/>
              <xsl:with-param name="multi" select="$multi"/>
            </xsl:call-template>
          </section>
        </xsl:for-each-group>
      </xsl:when>
      <xsl:when test="$section = 'dates'">
        <xsl:for-each-group select="$partials/ed:date" group-by="@when">
          <xsl:sort select="@when"/>
          <section class="entity ent-date" id="date-{@when}" aria-labelledby="date-{@when}-h">
            <h3 id="date-{@when}-h"><time datetime="{@when}"><xsl:value-of select="@when"/></time></h3>
            <xsl:call-template name="ed:citation-list">
              <xsl:with-param name="citations" select="current-group()/ed:citation"/>
              <xsl:with-param name="multi" select="$multi"/>
            </xsl:call-template>
          </section>
        </xsl:for-each-group>
      </xsl:when>
      <xsl:when test="$section = 'citations'">
        <xsl:for-each select="$partials/ed:citation">
          <xsl:call-template name="ed:citation-item"><xsl:with-param name="multi" select="$multi"/></xsl:call-template>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$section = 'passages'">
        <xsl:for-each select="$partials">
          <h3><a href="{@href}"><xsl:value-of select="@title"/></a></h3>
          <xsl:for-each select="ed:source"><p class="witness-source"><xsl:value-of select="."/></p></xsl:for-each>
          <xsl:choose>
            <xsl:when test="ed:passage">
              <ul>
                <xsl:for-each select="ed:passage">
                  <li><a href="{@href}"><xsl:value-of select="@label"/></a> <code class="passage-id"><xsl:value-of select="@id"/></code></li>
                </xsl:for-each>
              </ul>
            </xsl:when>
            <xsl:otherwise><p>No citable passages.</p></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xd:doc><xd:desc>The citations of one entry or date (with $citation-slot = 1, a slot that the
    toolkit fills with format "html-items", section "citations": an entry cited by more than a
    batch holds is written in pieces).</xd:desc></xd:doc>
  <xsl:template name="ed:citation-list">
    <xsl:param name="citations" as="element(ed:citation)*"/>
    <xsl:param name="multi" as="xs:boolean"/>
    <xsl:choose>
      <xsl:when test="exists($citations)">
        <ul class="citations">
          <xsl:choose>
            <xsl:when test="$citation-slot = 1"><xsl:processing-instruction name="ed-slot" select="'citations'"/></xsl:when>
            <xsl:otherwise>
              <xsl:for-each select="$citations">
                <xsl:call-template name="ed:citation-item"><xsl:with-param name="multi" select="$multi"/></xsl:call-template>
              </xsl:for-each>
            </xsl:otherwise>
          </xsl:choose>
        </ul>
      </xsl:when>
      <xsl:otherwise><p class="uncited">Not cited in the text (named only in the header or registers).</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xd:doc><xd:desc>One citation (the context item): a link to the passage, its document when the
    index has several, the number of mentions and the snippet.</xd:desc></xd:doc>
  <xsl:template name="ed:citation-item">
    <xsl:param name="multi" as="xs:boolean"/>
    <li>
      <a class="citation-link" href="{@href}"><xsl:value-of select="@label"/></a>
      <xsl:if test="$multi"> in <cite><xsl:value-of select="ancestor::ed:partial[1]/@title"/></cite></xsl:if>
      <xsl:if test="xs:integer(@count) gt 1"><span class="count"> (<xsl:value-of select="@count"/> mentions)</span></xsl:if>
      <xsl:text> </xsl:text>
      <span class="snippet"><xsl:value-of select="@snippet"/></span>
    </li>
  </xsl:template>

  <!-- ============================================================ reduce: JSON -->

  <xd:doc><xd:desc>The index as XML in the fn: vocabulary of JSON, keys in a fixed order. With
    $summary, the frame: each non-empty array holds one slot (an fn:null with ed:slot), which
    the toolkit replaces by the output of format "json-items" for successive batches.</xd:desc></xd:doc>
  <xsl:function name="ed:json" as="element(fn:map)">
    <xsl:param name="partials" as="element(ed:partial)*"/>
    <xsl:param name="summary" as="element(ed:summary)?"/>
    <fn:map>
      <fn:array key="documents">
        <xsl:sequence select="if ($summary) then ed:json-slot('documents', xs:integer($summary/@documents) gt 0)
          else ed:json-items($partials, 'documents')"/>
      </fn:array>
      <fn:array key="entities">
        <xsl:sequence select="if ($summary) then ed:json-slot('entities', normalize-space($summary/@types) ne '')
          else $types ! ed:json-items($partials, 'entities-' || .)"/>
      </fn:array>
      <fn:array key="dates">
        <xsl:sequence select="if ($summary) then ed:json-slot('dates', $summary/@dates = 'true')
          else ed:json-items($partials, 'dates')"/>
      </fn:array>
    </fn:map>
  </xsl:function>

  <xsl:function name="ed:json-slot" as="element(fn:null)?">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="filled" as="xs:boolean"/>
    <xsl:if test="$filled"><fn:null ed:slot="{$name}"/></xsl:if>
  </xsl:function>

  <xd:doc><xd:desc>The JSON items of one section ("documents", "entities-TYPE", "dates" or "citations") of $partials.</xd:desc></xd:doc>
  <xsl:function name="ed:json-items" as="element(fn:map)*">
    <xsl:param name="partials" as="element(ed:partial)*"/>
    <xsl:param name="section" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="$section = 'documents'">
        <xsl:for-each select="$partials">
          <fn:map>
            <fn:string key="id"><xsl:value-of select="@doc"/></fn:string>
            <fn:string key="title"><xsl:value-of select="@title"/></fn:string>
            <fn:string key="href"><xsl:value-of select="@href"/></fn:string>
            <xsl:for-each select="ed:source[1]"><fn:string key="source"><xsl:value-of select="."/></fn:string></xsl:for-each>
            <fn:array key="passages">
              <xsl:for-each select="ed:passage">
                <fn:map>
                  <fn:string key="id"><xsl:value-of select="@id"/></fn:string>
                  <fn:string key="label"><xsl:value-of select="@label"/></fn:string>
                  <fn:string key="href"><xsl:value-of select="@href"/></fn:string>
                </fn:map>
              </xsl:for-each>
            </fn:array>
          </fn:map>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="starts-with($section, 'entities-')">
        <xsl:variable name="type" select="substring-after($section, 'entities-')"/>
        <xsl:for-each-group select="$partials/ed:entity[@type = $type]" group-by="@id">
          <xsl:sort select="lower-case(@label)"/>
          <xsl:sort select="@id"/>
          <fn:map>
            <fn:string key="id"><xsl:value-of select="@id"/></fn:string>
            <fn:string key="type"><xsl:value-of select="$type"/></fn:string>
            <fn:string key="label"><xsl:value-of select="@label"/></fn:string>
            <fn:array key="names"><xsl:for-each select="distinct-values(current-group()/ed:name)"><fn:string><xsl:value-of select="."/></fn:string></xsl:for-each></fn:array>
            <fn:string key="dates"><xsl:value-of select="@dates"/></fn:string>
            <xsl:if test="@group"><fn:string key="group"><xsl:value-of select="@group"/></fn:string></xsl:if>
            <xsl:if test="current-group()/ed:related">
              <fn:array key="related"><xsl:for-each select="distinct-values(current-group()/ed:related/@anchor)"><fn:string><xsl:value-of select="."/></fn:string></xsl:for-each></fn:array>
            </xsl:if>
            <fn:map key="authority">
              <xsl:for-each select="ed:authority"><fn:string key="{@scheme}"><xsl:value-of select="@value"/></fn:string></xsl:for-each>
            </fn:map>
            <xsl:if test="ed:authority/@cert">
              <fn:map key="certainty">
                <xsl:for-each select="ed:authority[@cert]"><fn:string key="{@scheme}"><xsl:value-of select="@cert"/></fn:string></xsl:for-each>
              </fn:map>
            </xsl:if>
            <fn:string key="href"><xsl:value-of select="$type || '-' || @id"/></fn:string>
            <xsl:sequence select="ed:json-citations(current-group()/ed:citation)"/>
          </fn:map>
        </xsl:for-each-group>
      </xsl:when>
      <xsl:when test="$section = 'citations'">
        <xsl:sequence select="$partials/ed:citation ! ed:json-citation(.)"/>
      </xsl:when>
      <xsl:when test="$section = 'dates'">
        <xsl:for-each-group select="$partials/ed:date" group-by="@when">
          <xsl:sort select="@when"/>
          <fn:map>
            <fn:string key="when"><xsl:value-of select="@when"/></fn:string>
            <xsl:sequence select="ed:json-citations(current-group()/ed:citation)"/>
          </fn:map>
        </xsl:for-each-group>
      </xsl:when>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="ed:json-citations" as="element(fn:array)">
    <xsl:param name="citations" as="element(ed:citation)*"/>
    <fn:array key="citations">
      <xsl:sequence select="if ($citation-slot = 1) then ed:json-slot('citations', exists($citations))
        else $citations ! ed:json-citation(.)"/>
    </fn:array>
  </xsl:function>

  <xsl:function name="ed:json-citation" as="element(fn:map)">
    <xsl:param name="citation" as="element(ed:citation)"/>
    <xsl:for-each select="$citation">
      <fn:map>
        <fn:string key="document"><xsl:value-of select="@document"/></fn:string>
        <fn:string key="passage"><xsl:value-of select="@passage"/></fn:string>
        <fn:string key="label"><xsl:value-of select="@label"/></fn:string>
        <fn:string key="href"><xsl:value-of select="@href"/></fn:string>
        <fn:string key="snippet"><xsl:value-of select="@snippet"/></fn:string>
        <fn:number key="mentions"><xsl:value-of select="@count"/></fn:number>
      </fn:map>
    </xsl:for-each>
  </xsl:function>
</xsl:stylesheet>
