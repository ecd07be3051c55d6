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
    <xd:desc>HTML for speech, page furniture and stand-off annotation (the words come from
      common/speech.xsl): an utterance under its speakers' names; page furniture (fw) at its
      place, set apart and labelled, shown in the view closer to the witness and hidden in
      the reading view; span groups as labelled annotations, never as prose; the
      annotations of standOff in a section of their own after the notes. Included by
      html.xsl.</xd:desc>
  </xd:doc>

  <xd:doc><xd:desc>An utterance: its speakers (ed:speakers), then what is said.</xd:desc></xd:doc>
  <xsl:template match="u[exists(ed:speakers(.))]" priority="2">
    <div class="u">
      <xsl:call-template name="ed:id-attr"/>
      <div class="speaker u-who"><xsl:value-of select="string-join(ed:speakers(.), ', ')"/></div>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xd:doc><xd:desc>A segment of an utterance (ParlaMint's paragraphs, ISO 24624's
    utterance proper): a paragraph of the speech.</xd:desc></xd:doc>
  <xsl:template match="u/seg" priority="2">
    <div class="seg u-seg"><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></div>
  </xsl:template>

  <xd:doc><xd:desc>An annotation block (ISO 24624 speech): the utterance and its annotations.</xd:desc></xd:doc>
  <xsl:template match="annotationBlock" priority="2">
    <div class="annotationBlock"><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></div>
  </xsl:template>

  <xd:doc><xd:desc>A span group in the text: a labelled annotation of the passage it stands
    by, each span after the other; never part of the prose. One without words (its spans
    carry only attributes, @ana) shows nothing.</xd:desc></xd:doc>
  <xsl:template match="spanGrp[normalize-space(.) eq '']" priority="3"/>
  <xsl:template match="spanGrp" priority="2">
    <div class="annotation spanGrp" role="note">
      <xsl:call-template name="ed:id-attr"/>
      <span class="annotation-label"><xsl:value-of select="ed:annotation-label(.)"/>:</span>
      <xsl:for-each select="span">
        <xsl:if test="position() gt 1"><xsl:text>;</xsl:text></xsl:if>
        <xsl:text> </xsl:text>
        <span class="span"><xsl:call-template name="ed:id-attr"/><xsl:apply-templates/></span>
      </xsl:for-each>
      <xsl:apply-templates select="* except span"/>
    </div>
  </xsl:template>

  <xd:doc><xd:desc>Page furniture (running heads, page numbers, signature marks,
    catchwords): at its place, labelled and set apart by spaces, so it never joins a word;
    the reading view hides it (edition.css), the view closer to the witness shows it. In
    a diplomatic transcription (sourceDoc) it is always shown.</xd:desc></xd:doc>
  <xsl:template match="fw" priority="2">
    <span class="fw{if (ancestor::sourceDoc) then '' else ' fw-witness'}" data-fw="{ed:furniture-label(.)}" title="Page furniture: {ed:furniture-label(.)}">
      <xsl:call-template name="ed:id-attr"/>
      <xsl:text> </xsl:text>
      <span class="visually-hidden">(<xsl:value-of select="ed:furniture-label(.)"/>) </span>
      <xsl:apply-templates/>
      <xsl:text> </xsl:text>
    </span>
  </xsl:template>

  <xd:doc><xd:desc>The annotations of standOff (listAnnotation, spanGrp): a section after the
    notes, each with its label, what it is about (linked to it), and its words.</xd:desc></xd:doc>
  <xsl:template name="ed:annotations">
    <xsl:variable name="annotations" select="ed:standoff-annotations(.)"/>
    <xsl:if test="exists($annotations)">
      <section id="ed-annotations" class="annotations" aria-labelledby="ed-annotations-h">
        <h2 id="ed-annotations-h">Annotations</h2>
        <ol>
          <xsl:for-each select="$annotations">
            <xsl:choose>
              <xsl:when test="self::spanGrp">
                <xsl:for-each select="span[normalize-space(.) ne '']">
                  <li class="annotation"><xsl:call-template name="ed:annotation-entry"><xsl:with-param name="label" select="ed:annotation-label(..)"/></xsl:call-template></li>
                </xsl:for-each>
              </xsl:when>
              <xsl:otherwise>
                <li class="annotation"><xsl:call-template name="ed:annotation-entry"><xsl:with-param name="label" select="ed:annotation-label(.)"/></xsl:call-template></li>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xd:doc><xd:desc>One stand-off annotation: "Label on ¶ 3 “its words”: the annotation."</xd:desc></xd:doc>
  <xsl:template name="ed:annotation-entry">
    <xsl:param name="label" as="xs:string"/>
    <xsl:variable name="target" select="ed:annotation-targets(.)[@xml:id][ancestor::text or ancestor::sourceDoc][1]"/>
    <xsl:variable name="about" select="ed:annotation-target-label(.)"/>
    <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
    <span class="annotation-label"><xsl:value-of select="$label"/></span>
    <xsl:if test="$about ne ''">
      <xsl:text> on </xsl:text>
      <xsl:choose>
        <xsl:when test="$target"><a class="annotation-target" href="#{$target/@xml:id}"><xsl:value-of select="$about"/></a></xsl:when>
        <xsl:otherwise><span class="annotation-target"><xsl:value-of select="$about"/></span></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
    <xsl:text>: </xsl:text>
    <xsl:apply-templates select="ed:annotation-body(.)"/>
  </xsl:template>

  <xd:doc><xd:desc>Who made a stand-off annotation (ed:annotation-resp).</xd:desc></xd:doc>
  <xsl:template match="annotation/respStmt" priority="2">
    <span class="annotation-resp"><xsl:value-of select="ed:annotation-resp(.)"/></span>
  </xsl:template>

</xsl:stylesheet>
