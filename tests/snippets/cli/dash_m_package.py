# args: -m dash_m_pkg one two
