<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:teix="http://www.tei-c.org/ns/Examples"
  xmlns:ed="urn:x-tei-edition-toolkit"
  xmlns:mml="http://www.w3.org/1998/Math/MathML"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>Entry stylesheet of the plain-text edition (UTF-8). A header block (title,
      source, editor, licence, how to cite), then the text block by block, each citable
      passage preceded by its label on a line of its own ("[¶ 3]"), note markers in
      square brackets and the notes as numbered endnotes, omissions as […], no page
      break markers. Lines wrap at $text-width columns, only at spaces: a word is never
      split. Unknown elements give their text (on-no-match="text-only-copy").</xd:desc>
  </xd:doc>

  <xsl:include href="common/params.xsl"/>
  <xsl:include href="common/release.xsl"/>
  <xsl:include href="common/header.xsl"/>
  <xsl:include href="common/registers.xsl"/>
  <xsl:include href="common/citation.xsl"/>
  <xsl:include href="common/witnesses.xsl"/>
  <xsl:include href="common/blocks.xsl"/>
  <xsl:include href="common/quotes.xsl"/>
  <xsl:include href="common/hooks.xsl"/>
  <xsl:include href="common/method.xsl"/>
  <xsl:include href="common/tokens.xsl"/>
  <xsl:include href="common/speech.xsl"/>
  <xsl:include href="common/text-speech.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:mode on-no-match="text-only-copy" use-accumulators="#all"/>
  <xsl:mode name="ed:inline" on-no-match="text-only-copy"/>
  <xsl:mode name="ed:prose-text" on-no-match="text-only-copy"/>

  <xsl:template match="/">
    <xsl:variable name="tei" select="(/TEI, /teiCorpus)[1]"/>
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:sequence select="ed:header-block(.)"/>
      <xsl:variable name="hooked" as="xs:string*"><xsl:call-template name="ed:hook-text-header"/></xsl:variable>
      <xsl:if test="exists($hooked)"><xsl:sequence select="string-join($hooked ! ed:wrap(.), '&#10;')"/></xsl:if>
      <xsl:sequence select="ed:method-block(.)"/>
      <xsl:apply-templates select="$tei/text | $tei/sourceDoc | $tei/TEI" mode="ed:blocks"/>
      <xsl:variable name="notes" select="ed:notes(.)"/>
      <xsl:if test="exists($notes)">
        <xsl:sequence select="'NOTES'"/>
        <xsl:for-each select="$notes">
          <xsl:sequence select="ed:wrap('[' || ed:note-number(.) || '] ' || ed:inline(.)
            || string-join(ed:sources-of(.) ! ed:source-label(.), '; ')[. ne ''] ! (' (Source: ' || . || '.)'))"/>
        </xsl:for-each>
      </xsl:if>
      <xsl:sequence select="ed:annotations-block(.)"/>
    </xsl:variable>
    <!-- A passage label (marked with U+E000) sits on the line right before its text. -->
    <xsl:value-of select="replace(string-join($blocks[normalize-space(.) ne ''], '&#10;&#10;'), '&#xE000;([^&#10;]*)&#10;&#10;', '$1&#10;') => replace('&#xE000;', '') || '&#10;'"/>
  </xsl:template>

  <xd:doc><xd:desc>The header block: title, source, editor, licence and how to cite.</xd:desc></xd:doc>
  <xsl:function name="ed:header-block" as="xs:string*">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="title" select="(ed:title($root)[. ne ''], 'TEI document')[1]"/>
    <xsl:variable name="witness" select="ed:witness($root)"/>
    <xsl:sequence select="ed:wrap(upper-case($title)) || '&#10;' || string-join((1 to min((string-length($title), $text-width))) ! '=', '')"/>
    <xsl:variable name="lines" as="xs:string*">
      <xsl:if test="ed:version($root) ne ''">
        <xsl:sequence select="ed:wrap('Version: ' || ed:version($root))"/>
      </xsl:if>
      <xsl:if test="ed:official-title($root) ne ed:title($root)">
        <xsl:sequence select="ed:wrap('Official title: ' || ed:official-title($root)
          || string-join(root($root)/*/teiHeader/fileDesc/titleStmt/title[@type = 'official'][1] ! ed:sources-of(.) ! ed:source-label(.), '; ')[. ne ''] ! (' (source: ' || . || ')'))"/>
      </xsl:if>
      <xsl:if test="exists(ed:authors-shown($root))">
        <xsl:sequence select="ed:wrap('Issued by: ' || string-join(ed:authors-shown($root), '; '))"/>
      </xsl:if>
      <xsl:if test="ed:creation-date($root) ne ''">
        <xsl:sequence select="ed:wrap('Date and place: ' || string-join((ed:creation-date($root), ed:creation-place($root)[. ne '']), ', '))"/>
      </xsl:if>
      <xsl:if test="$witness">
        <xsl:sequence select="ed:wrap('Source: ' || string-join((if (ed:is-prose-bibl($witness)) then ed:prose-bibl($witness)
          else $witness/(* except (note, ref, editor)) ! (let $marks := ed:quote-marks(.) return $marks[1] || ed:bibl-part(.) || $marks[2]), $witness/ref/@target), ', '))"/>
      </xsl:if>
      <xsl:for-each select="$witness[not(ed:is-prose-bibl(.))]/editor">
        <xsl:sequence select="ed:wrap((if (normalize-space(@role) = ('', 'editor', 'ed')) then 'Editor of the source: ' else 'Source: ' || normalize-space(@role) || ': ') || ed:name-text(.))"/>
      </xsl:for-each>
      <xsl:for-each select="ed:credits($root)">
        <xsl:sequence select="ed:wrap(.)"/>
      </xsl:for-each>
      <xsl:if test="ed:licence($root)">
        <xsl:sequence select="ed:wrap('Licence and rights: ' || ed:rights($root) ||
          (ed:licence($root)/@target ! (' ' || .)))"/>
      </xsl:if>
      <xsl:sequence select="ed:wrap('TEI source: ' || ed:stem($root) || '.xml')"/>
    </xsl:variable>
    <xsl:sequence select="string-join($lines, '&#10;')"/>
    <xsl:sequence select="ed:wrap('How to cite: ' || ed:edition-citation($root) || ' ' || ed:citation-end(ed:public-url($root)))"/>
  </xsl:function>

  <xd:doc><xd:desc>The editorial method (common/method.xsl), after the header: each part of the
    header's sampling and editorial declarations under its label, then how this text shows it.</xd:desc></xd:doc>
  <xsl:function name="ed:method-block" as="xs:string*">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="parts" select="ed:method-parts($root)"/>
    <xsl:if test="exists($parts)">
      <xsl:sequence select="'EDITORIAL METHOD'"/>
      <xsl:for-each select="$parts">
        <xsl:variable name="label" select="ed:method-label(.)"/>
        <xsl:for-each select="ed:method-paragraphs(.)">
          <xsl:variable name="words" as="xs:string"><xsl:value-of><xsl:apply-templates mode="ed:prose-text"/></xsl:value-of></xsl:variable>
          <xsl:sequence select="ed:wrap((if (position() eq 1) then $label || ': ' else '') || normalize-space($words))"/>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:sequence select="ed:wrap(string-join((
        $ed:passages[1] ! ('In this text, each citable passage begins with its label in square brackets on a line of its own (“[' || ed:passage-label(.) || ']”).'),
        ed:notes($root)[1] ! 'Numbers in square brackets after a word (“[1]”) refer to the notes at the end.'), ' '))"/>
    </xsl:if>
  </xsl:function>
  <xsl:template match="gi" mode="ed:prose-text">&lt;<xsl:value-of select="."/>&gt;</xsl:template>
  <xsl:template match="att" mode="ed:prose-text">@<xsl:value-of select="."/></xsl:template>
  <xsl:template match="val" mode="ed:prose-text">"<xsl:value-of select="."/>"</xsl:template>

  <!-- ============================================================ blocks -->

  <xd:doc><xd:desc>Block mode: each block becomes one string (one paragraph of the output).
    Blocks that contain blocks descend; a citable passage gets its label line.</xd:desc></xd:doc>
  <xsl:mode name="ed:blocks" on-no-match="shallow-skip"/>

  <xsl:template match="*" mode="ed:blocks">
    <xsl:choose>
      <xsl:when test="self::note or self::teiHeader or self::standOff or self::facsimile"/>
      <xsl:when test="exists(*[ed:is-block(.)])">
        <xsl:if test="ed:is-passage(.)">
          <xsl:sequence select="'&#xE000;[' || ed:passage-label(.) || ']'"/>
        </xsl:if>
        <!-- Mixed content around the inner blocks is kept as blocks of its own. -->
        <xsl:for-each-group select="node()" group-adjacent="boolean(self::*[ed:is-block(.)])">
          <xsl:choose>
            <xsl:when test="current-grouping-key()">
              <xsl:apply-templates select="current-group()" mode="ed:blocks"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:variable name="words" select="ed:inline-nodes(current-group())"/>
              <xsl:if test="$words ne ''"><xsl:sequence select="ed:wrap($words)"/></xsl:if>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each-group>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="words" select="ed:inline(.)"/>
        <xsl:if test="$words ne ''">
          <xsl:sequence select="string-join((
            self::*[ed:is-passage(.)] ! ('[' || ed:passage-label(.) || ']'),
            ed:wrap($words)), '&#10;')"/>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xd:doc><xd:desc>A document of a teiCorpus: its own title, underlined, then its text (the
    corpus is a collection of documents, each under its title).</xd:desc></xd:doc>
  <xsl:template match="TEI[parent::teiCorpus]" mode="ed:blocks" priority="2">
    <xsl:variable name="title" select="normalize-space((teiHeader/fileDesc/titleStmt/title)[1])"/>
    <xsl:if test="$title ne ''">
      <xsl:sequence select="ed:wrap($title) || '&#10;' || string-join((1 to min((string-length($title), $text-width))) ! '-', '')"/>
    </xsl:if>
    <xsl:apply-templates select="text | sourceDoc" mode="ed:blocks"/>
  </xsl:template>

  <xd:doc><xd:desc>A diplomatic transcription: a heading, then each surface as "[Page n]"
    and its lines, one per line of the output.</xd:desc></xd:doc>
  <xsl:template match="sourceDoc" mode="ed:blocks" priority="2">
    <xsl:sequence select="'DIPLOMATIC TRANSCRIPTION' || (@n ! (' ' || .))"/>
    <xsl:apply-templates mode="ed:blocks"/>
  </xsl:template>
  <xsl:template match="surface" mode="ed:blocks" priority="2">
    <xsl:sequence select="'[' || ed:surface-label(.) || ']'"/>
    <xsl:call-template name="ed:line-blocks"/>
  </xsl:template>
  <xsl:template match="*[line]" mode="ed:blocks" priority="1">
    <xsl:call-template name="ed:line-blocks"/>
  </xsl:template>
  <xsl:template name="ed:line-blocks">
    <xsl:for-each-group select="node()" group-adjacent="boolean(self::line)">
      <xsl:choose>
        <xsl:when test="current-grouping-key()">
          <xsl:sequence select="string-join(current-group() ! ed:inline(.)[. ne ''], '&#10;')"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each-group select="current-group()" group-adjacent="boolean(self::*[ed:is-block(.)])">
            <xsl:choose>
              <xsl:when test="current-grouping-key()"><xsl:apply-templates select="current-group()" mode="ed:blocks"/></xsl:when>
              <xsl:otherwise>
                <xsl:variable name="words" select="ed:inline-nodes(current-group())"/>
                <xsl:if test="$words ne ''"><xsl:sequence select="ed:wrap($words)"/></xsl:if>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each-group>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>
  <xsl:template match="teix:egXML" mode="ed:blocks" priority="2">
    <xsl:sequence select="string-join(node() ! serialize(.), '')"/>
  </xsl:template>

  <!-- ============================================================ inline -->

  <xd:doc><xd:desc>The words of an element, normalised to single spaces, notes as [n].</xd:desc></xd:doc>
  <xsl:function name="ed:inline" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="ed:inline-nodes($el/node())"/>
  </xsl:function>
  <xsl:function name="ed:inline-nodes" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="text">
      <xsl:apply-templates select="$nodes" mode="ed:inline"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space($text)"/>
  </xsl:function>

  <xsl:template match="note[ancestor::text or ancestor::sourceDoc][not(ancestor::note)]" mode="ed:inline">
    <xsl:text>[</xsl:text><xsl:value-of select="ed:note-number(.)"/><xsl:text>]</xsl:text>
  </xsl:template>
  <xsl:template match="note" mode="ed:inline">
    <xsl:text> (</xsl:text><xsl:apply-templates mode="ed:inline"/><xsl:text>)</xsl:text>
  </xsl:template>
  <xsl:template match="gap" mode="ed:inline">[…]<xsl:if test="desc"> (<xsl:apply-templates select="desc/node()" mode="ed:inline"/>)</xsl:if></xsl:template>
  <xsl:template match="pb | cb | milestone" mode="ed:inline">
    <xsl:if test="not(@break = 'no')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>
  <xsl:template match="lb" mode="ed:inline">
    <xsl:if test="not(@break = 'no')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>
  <xsl:template match="choice" mode="ed:inline">
    <xsl:apply-templates select="*[1]" mode="ed:inline"/>
    <xsl:for-each select="*[position() gt 1]"> [<xsl:apply-templates select="." mode="ed:inline"/>]</xsl:for-each>
  </xsl:template>
  <xsl:template match="*[ed:is-block(.)]" mode="ed:inline" priority="-0.5">
    <xsl:text> </xsl:text><xsl:apply-templates mode="ed:inline"/><xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template match="teix:egXML" mode="ed:inline" priority="2">
    <xsl:text> </xsl:text><xsl:value-of select="string-join(node() ! serialize(.), '')"/><xsl:text> </xsl:text>
  </xsl:template>
  <xd:doc><xd:desc>MathML: the formula's characters as one unit, set apart by spaces.</xd:desc></xd:doc>
  <xsl:template match="mml:math" mode="ed:inline" priority="2">
    <xsl:text> </xsl:text><xsl:value-of select="normalize-space(.)"/><xsl:text> </xsl:text>
  </xsl:template>
  <xd:doc><xd:desc>An apparatus: the lemma, then each reading in brackets with its sigla; an
    empty reading is "om.".</xd:desc></xd:doc>
  <xsl:template match="app" mode="ed:inline" priority="2">
    <xsl:for-each select="lem">
      <xsl:apply-templates mode="ed:inline"/>
      <xsl:if test="@wit"><xsl:text> </xsl:text><xsl:value-of select="ed:sigla(.)"/></xsl:if>
    </xsl:for-each>
    <xsl:for-each select="rdg | rdgGrp/rdg">
      <xsl:text> [</xsl:text>
      <xsl:choose>
        <xsl:when test="normalize-space(.) = '' and not(*)">om.</xsl:when>
        <xsl:otherwise><xsl:apply-templates mode="ed:inline"/></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="@wit"><xsl:text> </xsl:text><xsl:value-of select="ed:sigla(.)"/></xsl:if>
      <xsl:text>]</xsl:text>
    </xsl:for-each>
    <xsl:apply-templates select="* except (lem, rdg, rdgGrp)" mode="ed:inline"/>
  </xsl:template>
  <xd:doc><xd:desc>Quotations get the marks of ed:quote-marks (common/quotes.xsl), the HTML's.</xd:desc></xd:doc>
  <xsl:template match="(q | said | quote)[ed:is-quotation(.)]" mode="ed:inline" priority="2">
    <xsl:variable name="marks" select="ed:quote-marks(.)"/>
    <xsl:value-of select="$marks[1]"/><xsl:apply-templates mode="ed:inline"/><xsl:value-of select="$marks[2]"/>
  </xsl:template>
  <xsl:template match="graphic | media" mode="ed:inline">[image: <xsl:value-of select="@url"/>] <xsl:apply-templates mode="ed:inline"/></xsl:template>

  <!-- ============================================================ wrapping -->

  <xd:doc><xd:desc>Wrap a line at $text-width columns, breaking only at spaces: words are
    added to a line while it stays within the width; a word longer than the width stands
    alone on its line, whole. One pass over the words (xsl:iterate), linear in the text's
    length.</xd:desc></xd:doc>
  <xsl:function name="ed:wrap" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:variable name="words" select="tokenize(normalize-space($s), ' ')"/>
    <xsl:variable name="lines" as="xs:string*">
      <xsl:iterate select="$words">
        <xsl:param name="line" as="xs:string" select="''"/>
        <xsl:on-completion><xsl:sequence select="$line[. ne '']"/></xsl:on-completion>
        <xsl:choose>
          <xsl:when test="$line eq ''"><xsl:next-iteration><xsl:with-param name="line" select="."/></xsl:next-iteration></xsl:when>
          <xsl:when test="string-length($line) + 1 + string-length(.) le $text-width">
            <xsl:next-iteration><xsl:with-param name="line" select="$line || ' ' || ."/></xsl:next-iteration>
          </xsl:when>
          <xsl:otherwise>
            <xsl:sequence select="$line"/>
            <xsl:next-iteration><xsl:with-param name="line" select="."/></xsl:next-iteration>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:iterate>
    </xsl:variable>
    <xsl:sequence select="string-join($lines, '&#10;')"/>
  </xsl:function>
</xsl:stylesheet>
