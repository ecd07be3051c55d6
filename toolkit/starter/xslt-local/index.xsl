<?xml version="1.0" encoding="UTF-8"?>
<!-- The project's index.xsl: the toolkit's, with this project's hooks (hooks.xsl). tei.toml's
     stylesheets = "xslt-local" makes tei build use it; edit hooks.xsl, not this file. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="tei-toolkit:index.xsl"/>
  <xsl:include href="hooks.xsl"/>
</xsl:stylesheet>
