<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xd="http://www.oxygenxml.com/ns/doc/xsl"
  xmlns:ed="urn:x-tei-edition-toolkit"
  exclude-result-prefixes="#all">

  <xd:doc scope="stylesheet">
    <xd:desc>Entry stylesheet of the encoding guide for archivists. Its input is the guide
      as data (ed:guide, built by toolkit/guide.py from the grammar and rules that
      `tei schema` generates from the ODD, and from the edition's documents); its output
      is one HTML page in the look of the reading edition: a contents list, an element
      index, the rules for every element, then each element with its description, its
      attributes and their closed values, where it may appear, what it may contain, the
      rules that apply to it and a real example linked to its passage.</xd:desc>
  </xd:doc>

  <xsl:include href="common/params.xsl"/>
  <xsl:include href="common/release.xsl"/>
  <xsl:include href="common/page.xsl"/>
  <xsl:include href="common/frame.xsl"/>
  <xsl:include href="common/frame-slots.xsl"/>
  <xsl:include href="common/hooks.xsl"/>

  <xd:doc><xd:desc>The guide's heading.</xd:desc></xd:doc>
  <xsl:param name="guide-title" as="xs:string" select="''" ed:internal="yes"/>

  <xd:doc><xd:desc>From the guide to the reading edition's page.</xd:desc></xd:doc>
  <xsl:param name="edition-href" as="xs:string" select="'../html/'" ed:internal="yes"/>

  <xsl:output method="html" version="4.01" encoding="UTF-8" indent="no" include-content-type="no"/>
  <xsl:mode on-no-match="shallow-skip"/>
  <xsl:mode name="ed:index" on-no-match="shallow-skip"/>

  <xsl:template match="/ed:guide">
    <xsl:variable name="title" select="if ($guide-title ne '') then $guide-title else 'Encoding guide'"/>
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <html lang="en">
      <xsl:text>&#10;</xsl:text>
      <xsl:call-template name="ed:page-head">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="script" select="false()"/>
      </xsl:call-template>
      <xsl:text>&#10;</xsl:text>
      <body class="guide-page">
        <a class="skip-link" href="#ed-elements">Skip to the elements</a>
        <xsl:call-template name="ed:hook-body-start"/>
        <xsl:call-template name="ed:frame-header">
          <xsl:with-param name="current" select="'guide'"/>
          <xsl:with-param name="head">
          <xsl:if test="not($ed:site)"><p class="publisher"><a href="{$edition-href}">The reading edition</a> · <a href="{$index-href}">Citation index</a></p></xsl:if>
          <h1><xsl:value-of select="$title"/></h1>
          <p class="guide-source">How this edition is encoded in TEI: the <xsl:value-of select="count(ed:element)"/> elements its customisation allows (<code><xsl:value-of select="(@odd[. ne ''], @grammar)[1]"/></code>), their attributes, where they may stand, the rules that check them, and a real example of each. It is the page to keep open beside Oxygen.</p>
          </xsl:with-param>
        </xsl:call-template>
        <div class="layout layout-contents">
        <nav class="toc" aria-label="Contents">
          <h2 class="toc-title">Contents</h2>
          <ol>
            <li><a href="#ed-guide-intro">About the customisation</a></li>
            <li><a href="#ed-guide-every">Rules for every element</a></li>
            <li><a href="#ed-elements">Elements</a>
              <ol class="toc-passages guide-index">
                <xsl:for-each select="ed:element">
                  <li><a href="#el-{@name}"><code>&lt;<xsl:value-of select="@name"/>&gt;</code></a></li>
                </xsl:for-each>
              </ol>
            </li>
          </ol>
        </nav>
        <main id="ed-main">
          <xsl:call-template name="ed:hook-before-text"/>
          <section id="ed-guide-intro" aria-labelledby="ed-guide-intro-h">
            <h2 id="ed-guide-intro-h">About the customisation</h2>
            <xsl:for-each select="ed:intro"><p><xsl:value-of select="."/></p></xsl:for-each>
            <p>Rules marked <em>warning</em> do not make a file invalid; the others do. <code>tei validate</code> and Oxygen report each rule by its id, in brackets.</p>
          </section>
          <section id="ed-guide-every" aria-labelledby="ed-guide-every-h">
            <h2 id="ed-guide-every-h">Rules for every element</h2>
            <xsl:call-template name="ed:rules"><xsl:with-param name="rules" select="ed:every/ed:rule"/></xsl:call-template>
          </section>
          <section id="ed-elements" aria-labelledby="ed-elements-h">
            <h2 id="ed-elements-h">Elements</h2>
            <xsl:apply-templates select="ed:element"/>
          </section>
          <xsl:call-template name="ed:hook-after-text"/>
        </main>
        </div>
        <xsl:call-template name="ed:frame-footer">
          <xsl:with-param name="lines">
            <p>Generated by <code>tei build</code> from <code><xsl:value-of select="@grammar"/></code> and <code><xsl:value-of select="@schematron"/></code>, which <code>tei schema</code> compiles from the ODD. Do not edit this page: edit the ODD.</p>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ed:hook-body-end"/>
      </body>
    </html>
  </xsl:template>

  <xd:doc><xd:desc>One element: description, attributes, context, content, rules, example.</xd:desc></xd:doc>
  <xsl:template match="ed:element">
    <section class="guide-element" id="el-{@name}" aria-labelledby="el-{@name}-h">
      <h3 id="el-{@name}-h"><code>&lt;<xsl:value-of select="@name"/>&gt;</code></h3>
      <p class="guide-desc"><xsl:value-of select="ed:desc"/></p>
      <dl class="guide-facts">
        <xsl:if test="ed:attribute">
          <dt>Attributes</dt>
          <dd>
            <ul class="guide-attributes">
              <xsl:for-each select="ed:attribute">
                <li>
                  <code>@<xsl:value-of select="@name"/></code>
                  <xsl:if test="@required = 'true'"> <strong class="required">(required)</strong></xsl:if>
                  <xsl:if test="normalize-space(ed:desc) ne ''"><xsl:text>: </xsl:text><xsl:value-of select="ed:desc"/></xsl:if>
                  <xsl:if test="ed:value">
                    <ul class="guide-values">
                      <xsl:for-each select="ed:value">
                        <li><code><xsl:value-of select="@ident"/></code><xsl:if test="normalize-space(.) ne ''">: <xsl:value-of select="."/></xsl:if></li>
                      </xsl:for-each>
                    </ul>
                  </xsl:if>
                </li>
              </xsl:for-each>
            </ul>
          </dd>
        </xsl:if>
        <dt>May appear in</dt>
        <dd><xsl:call-template name="ed:element-links"><xsl:with-param name="names" select="ed:parent/@name"/><xsl:with-param name="none" select="'(the root of a document)'"/></xsl:call-template></dd>
        <dt>May contain</dt>
        <dd><xsl:call-template name="ed:element-links"><xsl:with-param name="names" select="ed:child/@name"/><xsl:with-param name="none" select="'text only, or nothing'"/></xsl:call-template></dd>
        <xsl:if test="ed:rule">
          <dt>Rules</dt>
          <dd><xsl:call-template name="ed:rules"><xsl:with-param name="rules" select="ed:rule"/></xsl:call-template></dd>
        </xsl:if>
        <xsl:for-each select="ed:example">
          <dt>Example</dt>
          <dd>
            <pre class="egXML"><code><xsl:value-of select="."/></code></pre>
            <p class="guide-example-where">From <a href="{@href}"><xsl:value-of select="@where"/></a> of <code><xsl:value-of select="@document"/></code>.</p>
          </dd>
        </xsl:for-each>
      </dl>
    </section>
  </xsl:template>

  <xsl:template name="ed:element-links">
    <xsl:param name="names" as="attribute()*"/>
    <xsl:param name="none" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="empty($names)"><xsl:value-of select="$none"/></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$names">
          <xsl:if test="position() gt 1">, </xsl:if>
          <a href="#el-{.}"><code><xsl:value-of select="."/></code></a>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ed:rules">
    <xsl:param name="rules" as="element(ed:rule)*"/>
    <ul class="guide-rules">
      <xsl:for-each select="$rules">
        <li>
          <code>[<xsl:value-of select="@id"/>]</code>
          <xsl:if test="@severity = 'warning'"> <em>warning</em></xsl:if>
          <xsl:text> </xsl:text><xsl:value-of select="."/>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>
</xsl:stylesheet>
